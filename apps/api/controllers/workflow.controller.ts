import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeWorkflow } from '../../../workflows/case/index.js';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workflow')
export class WorkflowController {
  private readonly description = describeWorkflow();

  @Get()
  @ApiOperation({
    summary: 'The case statechart: states, transitions, guards, deadlines and event payload schemas',
  })
  get() {
    return this.description;
  }
}
