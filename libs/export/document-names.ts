// The names the documents print for the ids a case stores: the ambito's organisations, its users (the
// deactivated too: what they did stays theirs) and its resource map.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryService } from '../directory/directory.service.js';
import type { Names } from './case-documents.js';

type Named = { id: string; name: string }[];

@Injectable()
export class DocumentNames {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async of(ambito: string): Promise<Names> {
    const [organisations, users, resources] = await Promise.all([
      this.directory.organisations(ambito),
      this.dataSource.query(
        `SELECT u.id, u.full_name AS name FROM users u JOIN organisations o ON o.id = u.organisation_id
         WHERE o.ambito = $1`,
        [ambito],
      ) as Promise<Named>,
      this.dataSource.query('SELECT id, name FROM resources WHERE ambito = $1', [ambito]) as Promise<Named>,
    ]);
    // An id the directory no longer knows is never printed: the document says so in words.
    const lookup = (items: Named, unknown: string) => {
      const byId = new Map(items.map((item) => [item.id, item.name]));
      return (id: string) => byId.get(id) ?? unknown;
    };
    return {
      organisation: lookup(organisations, 'organizzazione non più in elenco'),
      user: lookup([...users, { id: 'system', name: 'Sistema' }], 'utente non più in elenco'),
      resource: lookup(resources, 'risorsa non più in mappatura'),
    };
  }
}
