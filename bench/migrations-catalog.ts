/** The two simulated sites the migration benchmark moves between (cumulus-csv, prices made up). */
export const BENCH_SITES: Record<string, string> = {
  'bench-onprem.cumulus.csv': [
    'record,provider,region,name,kind,country,latitude,longitude,capacity_vcpu,capacity_memory_gib,vcpu,memory_gib,price_per_hour,destination,tier_start_gb,price_per_gb,currency,adapter_id',
    'provider,bench-onprem,,Benchmark on-prem site,PRIVATE_CLOUD,DE,,,,,,,,,,,,simulated',
    'region,bench-onprem,dc1,Benchmark DC 1,,DE,50.11,8.68,4096,16384,,,,,,,,',
    'instance,bench-onprem,dc1,b.small,,,,,,,2,8,0.0300,,,,USD,',
    'egress,bench-onprem,dc1,,,,,,,,,,,INTERNET,0,0.0100,USD,',
  ].join('\n'),
  'bench-cloud.cumulus.csv': [
    'record,provider,region,name,kind,country,latitude,longitude,vcpu,memory_gib,price_per_hour,currency,adapter_id',
    'provider,bench-cloud,,Benchmark cloud,PUBLIC_CLOUD,US,,,,,,,simulated',
    'region,bench-cloud,r1,Benchmark region 1,,DE,50.0,8.5,,,,,',
    'instance,bench-cloud,r1,c.small,,,,,2,8,0.0800,USD,',
  ].join('\n'),
};
