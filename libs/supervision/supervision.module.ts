import { Module } from '@nestjs/common';
import { SupervisionService } from './supervision.service.js';

@Module({ providers: [SupervisionService], exports: [SupervisionService] })
export class SupervisionModule {}
