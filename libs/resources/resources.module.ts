import { Module } from '@nestjs/common';
import { ResourceMap } from './resource-map.service.js';

@Module({ providers: [ResourceMap], exports: [ResourceMap] })
export class ResourcesModule {}
