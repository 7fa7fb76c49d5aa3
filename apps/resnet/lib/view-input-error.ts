/** A URL that names a model the view cannot show: shown as an error panel with this code. */
export class ViewInputError extends Error {
  override name = 'ViewInputError';
  readonly code = 'BAD_USER_INPUT';
}
