import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperationsService } from '../../../libs/observability/index.js';
import { Public } from '../http/authentication.guard.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Database, Redis, queue and deadline lag, the cases whose stored snapshot does not restore; 503 when the database cannot be reached, "degraded" (200) when Redis cannot',
  })
  async get(@Res({ passthrough: true }) response: Response) {
    const health = await this.operations.health();
    if (health.status === 'unavailable') response.status(503);
    return health;
  }
}
