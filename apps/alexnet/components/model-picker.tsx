'use client';

import { BASE_PATH } from '../lib/base-path';
import type { PickableModel } from '../lib/pickable-models';

export interface ModelPickerProps {
  /** Models the view can show, in the order to list them; consecutive models of a group share an option group. */
  models: PickableModel[];
  current: string;
}

/**
 * A GET form that reloads the view with `?model=<id>`: the URL stays the shareable state. Choosing a model submits
 * at once; the button is there for keyboards and for pages without scripts.
 */
export function ModelPicker({ models, current }: ModelPickerProps) {
  const known = models.some((m) => m.id === current);
  const groups: { label: string; models: PickableModel[] }[] = [];
  for (const model of models) {
    const last = groups[groups.length - 1];
    if (last?.label === model.group) last.models.push(model);
    else groups.push({ label: model.group, models: [model] });
  }
  return (
    <form method="get" action={BASE_PATH} className="model-picker">
      <label htmlFor="model-picker-select">Model</label>
      <select
        id="model-picker-select"
        name="model"
        defaultValue={known ? current : ''}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {known ? null : (
          <option value="" disabled>
            choose a model
          </option>
        )}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.models.map((model) => (
              <option key={model.id} value={model.id} title={model.id}>
                {model.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}
