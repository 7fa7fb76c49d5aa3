'use client';

export interface PickerModel {
  id: string;
  name: string;
  /** Consecutive models with the same group share an `<optgroup>`. */
  group?: string;
}

export interface ModelPickerProps {
  /** The models the view can show, in the order to list them. */
  models: readonly PickerModel[];
  /** The model showing now; when it is not among `models`, the picker asks to choose one. */
  current: string;
  /** The path the form submits to with `?model=<id>`, e.g. `/alexnet`. */
  action: string;
  /** Other search parameters to keep across the switch (hidden fields), e.g. a label set. */
  keep?: Readonly<Record<string, string>>;
}

/**
 * A GET form that reloads the view with `?model=<id>`: the URL stays the shareable state. Choosing a model submits
 * at once; the Show button is there for keyboards and for pages without scripts.
 */
export function ModelPicker({ models, current, action, keep = {} }: ModelPickerProps) {
  const known = models.some((m) => m.id === current);
  const groups: { label: string | undefined; models: PickerModel[] }[] = [];
  for (const model of models) {
    const last = groups[groups.length - 1];
    if (last && last.label === model.group) last.models.push(model);
    else groups.push({ label: model.group, models: [model] });
  }
  const options = (list: PickerModel[]) =>
    list.map((model) => (
      <option key={model.id} value={model.id} title={model.id}>
        {model.name === model.id ? model.id : `${model.name} (${model.id})`}
      </option>
    ));
  return (
    <form method="get" action={action} className="bs-model-picker">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="bs-model-picker-select">Model</label>
      <select id="bs-model-picker-select" name="model" defaultValue={known ? current : ''} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
        {known ? null : (
          <option value="" disabled>
            choose a model
          </option>
        )}
        {groups.map((group, i) =>
          group.label === undefined ? (
            options(group.models)
          ) : (
            <optgroup key={`${group.label}|${i}`} label={group.label}>
              {options(group.models)}
            </optgroup>
          ),
        )}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}
