import type {
  OperatingSystem,
  ResourceKind,
  ServiceCategory,
} from '../../../domain/catalog/catalog-enums.js';
import type { ImportContext, ParsedInstanceType } from '../catalog-importer.js';
import { archFromProcessor, ec2InstanceSpec, ec2Variant, osFromAwsName } from '../json/aws-ec2-vocabulary.js';
import { isObject, StringPool, text, type JsonObject } from '../json/json-values.js';
import { classifyFamily } from './offer-file-mappings.js';

/**
 * What the term reader needs to know about one SKU. Products arrive before terms, so one of
 * these is kept per SKU for the whole file: the typed fields, plus the few source attributes
 * worth keeping, all strings interned. Measured with 100k EC2-shaped compute products (38
 * attributes each, Node 20, heap after GC): about 330 bytes per product including the Map
 * entry, so ~330 MB for a million-SKU file, against ~1.3 KB of JSON per product read.
 */
export interface ProductInfo {
  readonly serviceCode: string;
  readonly serviceCategory: ServiceCategory;
  readonly resourceKind: ResourceKind;
  /** Null for global prices; then `attributes.location` says where. */
  readonly regionCode: string | null;
  /** A location name the region directory does not know: its price dimensions are rejected. */
  readonly unknownLocation: string | null;
  readonly instanceType: string | null;
  readonly os: OperatingSystem | null;
  readonly capacityBlock: boolean;
  readonly spec: ParsedInstanceType | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Source attributes that typed columns already hold, or that say nothing a reader of prices needs. */
const DROPPED = new Set([
  'servicecode',
  'servicename',
  'regionCode',
  'fromRegionCode',
  'toRegionCode',
  'locationType',
  'fromLocationType',
  'toLocationType',
  'instanceType',
  'operatingSystem',
  'vcpu',
  'memory',
  'gpu',
  'gpuMemory',
  'processorArchitecture',
  'currentGeneration',
  'availabilityzone',
  'classicnetworkingsupport',
  'vpcnetworkingsupport',
  'enhancedNetworkingSupported',
  'intelAvxAvailable',
  'intelAvx2Available',
  'intelTurboAvailable',
  'processorFeatures',
  'normalizationSizeFactor',
  'ecu',
  'dedicatedEbsThroughput',
]);

const GLOBAL_LOCATIONS = new Set(['any', 'global', '']);
const REGION_LOCATION_TYPES = /^AWS (Region|Local Zone|Wavelength Zone)$/;

export class ProductIndex {
  private readonly products = new Map<string, ProductInfo>();
  private readonly strings = new StringPool();
  private readonly specs = new Map<string, ParsedInstanceType | null>();
  private readonly regionByName = new Map<string, string | undefined>();

  constructor(
    private readonly providerId: string,
    private readonly context: ImportContext,
  ) {}

  get size(): number {
    return this.products.size;
  }

  get(sku: string): ProductInfo | undefined {
    return this.products.get(sku);
  }

  /** Adds one `products` entry; returns false when it is not a product object. */
  add(key: string, raw: unknown): boolean {
    if (!isObject(raw) || !isObject(raw.attributes)) return false;
    const source = raw.attributes;
    const sku = text(raw.sku) ?? key;
    const family = text(raw.productFamily);
    const serviceCode = text(source.servicecode) ?? 'unknown';
    const { serviceCategory, resourceKind } = classifyFamily(family, serviceCode);
    const instanceType = text(source.instanceType) ?? null;
    const os = osFromAwsName(text(source.operatingSystem));
    const region = this.region(family, source);
    const attributes: Record<string, string> = {};
    if (family) attributes.productFamily = this.strings.intern(family);
    for (const [name, value] of Object.entries(source)) {
      if (DROPPED.has(name) || typeof value !== 'string' || value === '') continue;
      if (name === 'location' && region.code !== null) continue;
      attributes[this.strings.intern(name)] = this.strings.intern(value);
    }
    if (region.code === null)
      attributes.location ??= this.strings.intern(
        text(source.location) ?? text(source.fromLocation) ?? 'global',
      );
    const capacityBlock =
      text(source.marketoption) === 'CapacityBlock' || /:CB$/.test(text(source.operation) ?? '');
    const variant = ec2Variant({
      instanceType: instanceType ?? undefined,
      tenancy: text(source.tenancy) ?? (family === 'Dedicated Host' ? 'Host' : undefined),
      licenseModel: text(source.licenseModel),
      preInstalledSw: text(source.preInstalledSw),
      capacityStatus: text(source.capacitystatus),
      osVariant: os.variant,
      bareMetalFamily: family === 'Compute Instance (bare metal)',
    });
    // A capacity block is its own purchase option; the variant keeps its (often $0 list) price out of placement too.
    const variants = [variant, capacityBlock ? 'capacity-block' : null].filter(
      (v): v is string => v !== null,
    );
    if (variants.length > 0) attributes.variant = this.strings.intern(variants.join('+'));
    this.products.set(sku, {
      serviceCode: this.strings.intern(serviceCode),
      serviceCategory,
      resourceKind,
      regionCode: this.strings.intern(region.code),
      unknownLocation: region.unknown,
      instanceType: this.strings.intern(instanceType),
      os: os.os,
      capacityBlock,
      spec:
        instanceType && resourceKind === 'INSTANCE' && serviceCode === 'AmazonEC2'
          ? this.spec(instanceType, source)
          : null,
      attributes,
    });
    return true;
  }

  private spec(name: string, source: JsonObject): ParsedInstanceType | null {
    if (this.specs.has(name)) return this.specs.get(name) ?? null;
    const spec = ec2InstanceSpec({
      providerId: this.providerId,
      name,
      vcpu: text(source.vcpu),
      memory: text(source.memory),
      gpu: text(source.gpu),
      gpuMemory: text(source.gpuMemory),
      arch: archFromProcessor(text(source.physicalProcessor), text(source.processorArchitecture), name),
    });
    this.specs.set(name, spec);
    return spec;
  }

  /**
   * The region a price belongs to. Data transfer is billed in the AWS region it leaves (or,
   * for traffic coming in from outside AWS, the region it enters).
   */
  private region(
    family: string | undefined,
    source: JsonObject,
  ): { code: string | null; unknown: string | null } {
    if (family === 'Data Transfer' || source.fromLocation !== undefined) {
      const fromIsRegion = REGION_LOCATION_TYPES.test(text(source.fromLocationType) ?? '');
      const toIsRegion = REGION_LOCATION_TYPES.test(text(source.toLocationType) ?? '');
      if (fromIsRegion || !toIsRegion)
        return this.resolve(text(source.fromRegionCode), text(source.fromLocation), fromIsRegion);
      return this.resolve(text(source.toRegionCode), text(source.toLocation), true);
    }
    const locationType = text(source.locationType);
    return this.resolve(
      text(source.regionCode),
      text(source.location),
      !locationType || REGION_LOCATION_TYPES.test(locationType),
    );
  }

  private resolve(
    code: string | undefined,
    location: string | undefined,
    isRegion: boolean,
  ): { code: string | null; unknown: string | null } {
    if (code) return { code, unknown: null };
    if (!location || GLOBAL_LOCATIONS.has(location.toLowerCase()) || !isRegion)
      return { code: null, unknown: null };
    if (!this.regionByName.has(location))
      this.regionByName.set(location, this.context.regionCodeByName(this.providerId, location));
    const resolved = this.regionByName.get(location);
    return resolved
      ? { code: resolved, unknown: null }
      : { code: null, unknown: this.strings.intern(location) };
  }
}
