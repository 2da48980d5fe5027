import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const REQUIRED_ROLE = 'cumulus:requiredRole';

/** The least role a resolver field needs; fields without it need any valid key (reader). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
