import { imageName } from '@sieve/domain';
import type { z } from 'zod';
import type { ContextWarning } from './context-warning.model.js';
import {
  cronJobSchema,
  ingressSchema,
  podSchema,
  serviceSchema,
  templatedWorkloadSchema,
  type ObjectMetadata,
  type PodTemplate,
} from './kubernetes-object.schema.js';
import type { YamlDocument } from './yaml-documents.parser.js';

/** Namespace assumed for an object that names none, as `kubectl apply` without `-n` does. */
const DEFAULT_NAMESPACE = 'default';

const TEMPLATED_WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Annotations that make a LoadBalancer Service reachable only from the private network, per cloud provider. */
const INTERNAL_LOAD_BALANCER_ANNOTATIONS: ReadonlyArray<[string, (value: string) => boolean]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (value) => value.toLowerCase() !== 'false'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (value) => value.toLowerCase() === 'internal'],
  ['networking.gke.io/load-balancer-type', (value) => value.toLowerCase() === 'internal'],
  ['cloud.google.com/load-balancer-type', (value) => value.toLowerCase() === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (value) => value.toLowerCase() === 'true'],
];

/** A pod-creating object with the labels its pods get and the images they run. */
export interface KubernetesWorkload {
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  podLabels: Record<string, string>;
  images: string[];
  /** `k8s:<file>#<Kind>/<name>`. */
  source: string;
}

export interface KubernetesServiceObject {
  name: string;
  namespace: string;
  type: string;
  selector: Record<string, string>;
  internalLoadBalancer: boolean;
  source: string;
  location: string;
}

export interface KubernetesIngressObject {
  name: string;
  namespace: string;
  serviceNames: string[];
  source: string;
  location: string;
}

export interface KubernetesObjects {
  workloads: KubernetesWorkload[];
  services: KubernetesServiceObject[];
  ingresses: KubernetesIngressObject[];
}

/** Builds the `k8s:<file>#<Kind>/<name>` source recorded with every value taken from an object. */
export function kubernetesSource(file: string, kind: string, name: string): string {
  return `k8s:${file}#${kind}/${name}`;
}

/**
 * Reads the workloads, Services and Ingresses of a file's YAML documents
 * into `into`; items of a `kind: List` are read too. Documents that are not
 * Kubernetes objects, and kinds Sieve does not read, are passed over without
 * a warning. An object of a read kind whose fields do not fit is skipped with a
 * warning naming the file and line.
 */
export function readKubernetesObjects(documents: readonly YamlDocument[], file: string, into: KubernetesObjects, warnings: ContextWarning[]): void {
  for (const document of documents) {
    const value = document.value;
    if (isObject(value) && value['kind'] === 'List' && Array.isArray(value['items'])) {
      value['items'].forEach((item, index) => readObject(item, file, `${file}:${document.lineOf(['items', index])}`, into, warnings));
    } else {
      readObject(value, file, `${file}:${document.line}`, into, warnings);
    }
  }
}

function readObject(value: unknown, file: string, location: string, into: KubernetesObjects, warnings: ContextWarning[]): void {
  if (!isObject(value) || typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string') {
    return;
  }
  const kind = value['kind'];

  const parse = <T>(schema: z.ZodType<T>): T | null => {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      return parsed.data;
    }
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || kind;
    warnings.push({ message: `${kind} ${nameOf(value)} skipped: ${path}: ${issue?.message ?? 'invalid object'}`, location });
    return null;
  };

  if (TEMPLATED_WORKLOAD_KINDS.has(kind)) {
    const workload = parse(templatedWorkloadSchema);
    if (workload) into.workloads.push(toWorkload(kind, workload.metadata, workload.spec.template, file));
  } else if (kind === 'CronJob') {
    const cronJob = parse(cronJobSchema);
    if (cronJob) into.workloads.push(toWorkload(kind, cronJob.metadata, cronJob.spec.jobTemplate.spec.template, file));
  } else if (kind === 'Pod') {
    const pod = parse(podSchema);
    if (pod) into.workloads.push(toWorkload(kind, pod.metadata, { metadata: { labels: pod.metadata.labels }, spec: pod.spec }, file));
  } else if (kind === 'Service') {
    const service = parse(serviceSchema);
    if (service) into.services.push(toService(service.metadata, service.spec, file, location));
  } else if (kind === 'Ingress') {
    const ingress = parse(ingressSchema);
    if (ingress) into.ingresses.push(toIngress(ingress.metadata, ingress.spec, file, location));
  }
}

function toWorkload(kind: string, metadata: ObjectMetadata, template: PodTemplate, file: string): KubernetesWorkload {
  const containers = [...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])];
  const images = containers.map((container) => container.image?.trim() ?? '').filter((image) => image.length > 0);
  return {
    kind,
    name: metadata.name,
    namespace: metadata.namespace ?? DEFAULT_NAMESPACE,
    labels: metadata.labels,
    podLabels: template.metadata?.labels ?? {},
    images: [...new Set(images.map(imageName))],
    source: kubernetesSource(file, kind, metadata.name),
  };
}

function toService(
  metadata: ObjectMetadata,
  spec: { type?: string | undefined; selector: Record<string, string> } | undefined,
  file: string,
  location: string,
): KubernetesServiceObject {
  const annotations = metadata.annotations;
  const internalLoadBalancer = INTERNAL_LOAD_BALANCER_ANNOTATIONS.some(([annotation, isInternal]) => {
    const value = annotations[annotation];
    return value !== undefined && isInternal(value.trim());
  });
  return {
    name: metadata.name,
    namespace: metadata.namespace ?? DEFAULT_NAMESPACE,
    type: spec?.type ?? 'ClusterIP',
    selector: spec?.selector ?? {},
    internalLoadBalancer,
    source: kubernetesSource(file, 'Service', metadata.name),
    location,
  };
}

function toIngress(metadata: ObjectMetadata, spec: z.infer<typeof ingressSchema>['spec'], file: string, location: string): KubernetesIngressObject {
  const backends = [spec?.defaultBackend, spec?.backend, ...(spec?.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((path) => path.backend))];
  const serviceNames = backends.map((backend) => backend?.service?.name ?? backend?.serviceName).filter((name): name is string => name !== undefined);
  return {
    name: metadata.name,
    namespace: metadata.namespace ?? DEFAULT_NAMESPACE,
    serviceNames: [...new Set(serviceNames)],
    source: kubernetesSource(file, 'Ingress', metadata.name),
    location,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(value: Record<string, unknown>): string {
  const metadata = value['metadata'];
  const name = isObject(metadata) ? metadata['name'] : undefined;
  return typeof name === 'string' ? name : '(unnamed)';
}
