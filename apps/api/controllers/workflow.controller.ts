import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  describeWorkflow,
  LATEST_VERSION,
  RELEASED_VERSIONS,
  type WorkflowDescription,
} from '../../../workflows/case/index.js';
import { DomainError } from '../../../libs/common/index.js';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workflow')
export class WorkflowController {
  private readonly descriptions = new Map<number, WorkflowDescription>(
    RELEASED_VERSIONS.map((version) => [version, describeWorkflow(version)]),
  );

  @Get()
  @ApiOperation({
    summary: 'The case statechart: states, transitions, guards, deadlines and event payload schemas',
  })
  @ApiQuery({ name: 'version', required: false, description: 'a released version; the latest by default' })
  get(@Query('version') version?: string) {
    const wanted = version === undefined ? LATEST_VERSION : Number(version);
    const description = this.descriptions.get(wanted);
    if (!description) {
      throw DomainError.invalidPayload([
        { field: 'version', reason: `is not a released version (${RELEASED_VERSIONS.join(', ')})` },
      ]);
    }
    return description;
  }
}
