import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../libs/access/index.js';
import { ResourceMap } from '../../../libs/resources/index.js';
import { RESOURCE_KINDS } from '../../../workflows/case/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources')
export class ResourcesController {
  constructor(@Inject(ResourceMap) private readonly resources: ResourceMap) {}

  @Get()
  @ApiQuery({ name: 'kind', required: false, enum: RESOURCE_KINDS })
  @ApiQuery({ name: 'validOn', required: false, example: '2026-03-02' })
  @ApiOperation({ summary: 'The resource map of the user’s ambito, with the use of each by the plans' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.resources.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One resource of the ambito' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.resources.get(user, id);
  }

  @Get(':id/uses')
  @ApiOperation({
    summary: 'Coordinatore: the cases whose current plan links the resource, and which actions',
  })
  uses(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.resources.uses(user, id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Coordinatore or amministratore: add a resource {kind, name, description, ownerOrganisationId, places, validFrom, validTo, contact}',
  })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return this.resources.create(user, body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Coordinatore or amministratore: replace a resource {resource, expectedVersion}' })
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: unknown) {
    return this.resources.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Coordinatore or amministratore: remove a resource no plan links (409 otherwise)',
  })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.resources.remove(user, id);
  }
}
