'use client';

import { BASE_PATH } from '../lib/base-path';

export interface ModelPickerProps {
  /** Models the view can show, in catalogue order. */
  models: { id: string; name: string }[];
  current: string;
}

/**
 * A GET form that reloads the view with `?model=<id>`: the URL stays the shareable state. Choosing a model submits
 * at once; the button is there for keyboards and for pages without scripts.
 */
export function ModelPicker({ models, current }: ModelPickerProps) {
  const known = models.some((m) => m.id === current);
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
        {models.map((model) => (
          <option key={model.id} value={model.id} title={model.id}>
            {model.name}
          </option>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}
