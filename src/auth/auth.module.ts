import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';
import { RoleGuard } from './role.guard.js';

@Global()
@Module({
  providers: [ApiKeyRepository, ApiKeyService, ApiKeyResolver, { provide: APP_GUARD, useClass: RoleGuard }],
  exports: [ApiKeyService],
})
export class AuthModule {}
