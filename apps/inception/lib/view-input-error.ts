/** A URL that names a layer or label set the API does not have: shown as an error panel with this code. */
export class ViewInputError extends Error {
  override name = 'ViewInputError';
  readonly code = 'BAD_USER_INPUT';
}
