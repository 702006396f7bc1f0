import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { CaseDiary } from './case-diary.service.js';

@Module({ imports: [AccessModule, EngineModule], providers: [CaseDiary], exports: [CaseDiary] })
export class DiaryModule {}
