import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DiaryRepository } from './diary.repository.js';
import { Diary } from './diary.service.js';

@Module({ imports: [AccessModule], providers: [Diary, DiaryRepository], exports: [Diary] })
export class DiaryModule {}
