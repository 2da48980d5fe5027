import { registerEnumType } from '@nestjs/graphql';

export enum OverspillMetricEnum {
  VCPU = 'VCPU',
  MEMORY = 'MEMORY',
}

export enum OverspillModeEnum {
  DRY_RUN = 'DRY_RUN',
  ENFORCE = 'ENFORCE',
}

export enum OverspillActionEnum {
  BURST = 'BURST',
  RECALL = 'RECALL',
  HOLD = 'HOLD',
}

export enum OverspillTickTriggerEnum {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}

export enum OverspillBurstStatusEnum {
  BURSTING = 'BURSTING',
  ACTIVE = 'ACTIVE',
  RECALLING = 'RECALLING',
  ENDED = 'ENDED',
  ABANDONED = 'ABANDONED',
}

registerEnumType(OverspillMetricEnum, {
  name: 'OverspillMetric',
  description: 'What the watermarks measure: vCPU or memory utilisation of the site',
});
registerEnumType(OverspillModeEnum, {
  name: 'OverspillMode',
  description: 'DRY_RUN logs what ENFORCE would do; ENFORCE moves workloads',
});
registerEnumType(OverspillActionEnum, { name: 'OverspillAction' });
registerEnumType(OverspillTickTriggerEnum, { name: 'OverspillTickTrigger' });
registerEnumType(OverspillBurstStatusEnum, {
  name: 'OverspillBurstStatus',
  description:
    'BURSTING (moving out) → ACTIVE (out, leased) → RECALLING → ENDED; ABANDONED if the move out failed',
});
