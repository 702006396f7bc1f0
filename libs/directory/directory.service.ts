// Read-only directory of the territory: the organisations and people the UI offers in its pickers
// (meeting participants, assessors, responsabile del percorso, responsible organisations of a PaIS).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganisationType, Role } from '../../workflows/case/index.js';
import { OrganisationEntity, UserEntity } from '../persistence/entities/index.js';

export interface DirectoryOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  ambito: string;
}

export interface DirectoryUser {
  id: string;
  fullName: string;
  role: Role;
  organisation: { id: string; name: string; type: OrganisationType };
}

@Injectable()
export class DirectoryService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async organisations(ambito: string): Promise<DirectoryOrganisation[]> {
    const rows = await this.dataSource
      .getRepository(OrganisationEntity)
      .find({ where: { ambito }, order: { name: 'ASC' } });
    return rows.map(({ id, name, type }) => ({ id, name, type, ambito }));
  }

  async users(ambito: string): Promise<DirectoryUser[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({
      where: { organisation: { ambito }, active: true },
      relations: { organisation: true },
      order: { fullName: 'ASC' },
    });
    return rows.map((user) => ({
      id: user.id,
      fullName: user.fullName,
      role: user.role,
      organisation: { id: user.organisationId, name: user.organisation!.name, type: user.organisation!.type },
    }));
  }
}
