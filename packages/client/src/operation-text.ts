import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** An operation's text, for a request sent without urql (an upload through XMLHttpRequest, for its progress events). */
export const operationText = (document: TypedDocumentNode<unknown, never>): string => print(document);
