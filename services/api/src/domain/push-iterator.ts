/** An async iterator fed by `push`, for turning listener callbacks into a GraphQL subscription stream. */
export interface PushIterator<T> {
  push(value: T): void;
  /** Ends the stream once the values pushed so far are read. */
  end(): void;
  readonly iterator: AsyncIterableIterator<T>;
}

/**
 * A push-fed async iterator. `onClose` runs once, when the stream ends or the reader stops early (a client
 * unsubscribing calls `return()`), so listeners are released at once rather than at the next value.
 */
export function pushIterator<T>(onClose: () => void): PushIterator<T> {
  const values: T[] = [];
  const readers: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const finish = (): IteratorResult<T> => ({ value: undefined, done: true });
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (values.length > 0) return Promise.resolve({ value: values.shift()!, done: false });
      if (ended) return Promise.resolve(finish());
      return new Promise((resolve) => readers.push(resolve));
    },
    return() {
      ended = true;
      values.length = 0;
      close();
      for (const reader of readers.splice(0)) reader(finish());
      return Promise.resolve(finish());
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return {
    push(value) {
      if (ended) return;
      const reader = readers.shift();
      if (reader) reader({ value, done: false });
      else values.push(value);
    },
    end() {
      if (ended) return;
      ended = true;
      close();
      for (const reader of readers.splice(0)) reader(finish());
    },
    iterator,
  };
}
