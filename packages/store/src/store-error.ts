/** An error from the store, with a message naming the record or file involved. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}
