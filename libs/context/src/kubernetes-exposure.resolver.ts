import type { ContextWarning } from './context-warning.model.js';
import type { KubernetesObjects, KubernetesServiceObject, KubernetesWorkload } from './kubernetes-objects.reader.js';

const EXPOSING_SERVICE_TYPES = new Set(['LoadBalancer', 'NodePort']);

/**
 * Finds the internet-facing workloads and the object that exposes each: an
 * Ingress routing to a Service that selects the workload's pods, or a
 * LoadBalancer or NodePort Service selecting them. Ingresses are checked
 * first, and the first exposing object found is kept. NodePort counts as
 * internet-facing because the manifests do not show whether nodes have public
 * addresses. A LoadBalancer marked internal by a cloud annotation exposes
 * nothing.
 */
export function exposingSources(objects: KubernetesObjects, warnings: ContextWarning[]): Map<KubernetesWorkload, string> {
  const exposedBy = new Map<KubernetesWorkload, string>();
  const expose = (service: KubernetesServiceObject, source: string): void => {
    for (const workload of selectedWorkloads(service, objects.workloads)) {
      if (!exposedBy.has(workload)) exposedBy.set(workload, source);
    }
  };

  for (const ingress of objects.ingresses) {
    for (const serviceName of ingress.serviceNames) {
      const service = objects.services.find((candidate) => candidate.namespace === ingress.namespace && candidate.name === serviceName);
      if (service === undefined) {
        warnings.push({
          message: `Ingress ${ingress.name} routes to Service ${serviceName}, which is not in the manifests, so its workloads are not marked internet-facing`,
          location: ingress.location,
        });
        continue;
      }
      expose(service, ingress.source);
    }
  }

  for (const service of objects.services) {
    if (EXPOSING_SERVICE_TYPES.has(service.type) && !service.internalLoadBalancer) {
      expose(service, service.source);
    }
  }
  return exposedBy;
}

/** Workloads in the Service's namespace whose pod labels contain every selector entry. An empty selector selects none. */
function selectedWorkloads(service: KubernetesServiceObject, workloads: readonly KubernetesWorkload[]): KubernetesWorkload[] {
  const selector = Object.entries(service.selector);
  if (selector.length === 0) {
    return [];
  }
  return workloads.filter((workload) => workload.namespace === service.namespace && selector.every(([key, value]) => workload.podLabels[key] === value));
}
