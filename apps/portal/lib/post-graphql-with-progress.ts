/** What a GraphQL POST answered. */
export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * POSTs one GraphQL operation with XMLHttpRequest, whose upload events `fetch` does not give, reporting the bytes
 * sent as they go: for a model file sent as base64. Rejects naming the status when the answer is not JSON.
 */
export function postGraphqlWithProgress<T>(
  url: string,
  body: { query: string; variables: Record<string, unknown> },
  onProgress: (sent: number, total: number) => void,
): Promise<GraphqlAnswer<T>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('content-type', 'application/json');
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as GraphqlAnswer<T>);
      } catch {
        reject(new Error(`${url} answered HTTP ${request.status} without JSON: ${request.responseText.slice(0, 200)}`));
      }
    };
    request.onerror = () => reject(new Error(`the upload to ${url} failed (network error)`));
    request.send(JSON.stringify(body));
  });
}

/** The base64 text of a file (what `importModel`'s `base64` takes), reporting how much has been read. */
export function readAsBase64(file: Blob, onProgress: (read: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded, file.size);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
