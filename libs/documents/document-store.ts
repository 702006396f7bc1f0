// Where a document's bytes live. By default in PostgreSQL, written in the same transaction as the
// document's record, so a document is either wholly there or not at all; an S3-compatible store can
// implement the same two methods (writing before the record commits, and deleting on rollback).
import type { DataSource, EntityManager } from 'typeorm';

export interface DocumentStore {
  write(documentId: string, content: Buffer, transaction: EntityManager): Promise<void>;
  read(documentId: string): Promise<Buffer | null>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export class DatabaseDocumentStore implements DocumentStore {
  constructor(private readonly dataSource: DataSource) {}

  async write(documentId: string, content: Buffer, transaction: EntityManager): Promise<void> {
    await transaction.query('INSERT INTO document_contents (document_id, content) VALUES ($1, $2)', [
      documentId,
      content,
    ]);
  }

  async read(documentId: string): Promise<Buffer | null> {
    const [row]: { content: Buffer }[] = await this.dataSource.query(
      'SELECT content FROM document_contents WHERE document_id = $1',
      [documentId],
    );
    return row?.content ?? null;
  }
}
