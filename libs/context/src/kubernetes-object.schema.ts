import { z } from 'zod';

const stringMap = z
  .record(z.string(), z.unknown())
  .optional()
  .transform((map) => Object.fromEntries(Object.entries(map ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));

/** Object metadata. Label and annotation values that are not strings are dropped, as the API server would reject them. */
export const objectMetadataSchema = z.object({
  name: z.string().min(1).max(253),
  namespace: z.string().min(1).optional(),
  labels: stringMap,
  annotations: stringMap,
});

const containerSchema = z.object({ name: z.string().optional(), image: z.string().max(512).optional() });

const podSpecSchema = z.object({
  containers: z.array(containerSchema).optional(),
  initContainers: z.array(containerSchema).optional(),
});

const podTemplateSchema = z.object({
  metadata: z.object({ labels: stringMap }).optional(),
  spec: podSpecSchema.optional(),
});

/** Deployment, StatefulSet, DaemonSet, ReplicaSet and Job: a pod template under `spec.template`. */
export const templatedWorkloadSchema = z.object({
  metadata: objectMetadataSchema,
  spec: z.object({ template: podTemplateSchema }),
});

export const cronJobSchema = z.object({
  metadata: objectMetadataSchema,
  spec: z.object({ jobTemplate: z.object({ spec: z.object({ template: podTemplateSchema }) }) }),
});

export const podSchema = z.object({
  metadata: objectMetadataSchema,
  spec: podSpecSchema,
});

export const serviceSchema = z.object({
  metadata: objectMetadataSchema,
  spec: z
    .object({
      type: z.string().optional(),
      selector: stringMap,
    })
    .optional(),
});

// networking.k8s.io/v1 names the Service under `backend.service.name`; the
// removed v1beta1 API used `backend.serviceName` and `spec.backend`.
const ingressBackendSchema = z.object({
  service: z.object({ name: z.string() }).optional(),
  serviceName: z.string().optional(),
});

export const ingressSchema = z.object({
  metadata: objectMetadataSchema,
  spec: z
    .object({
      defaultBackend: ingressBackendSchema.optional(),
      backend: ingressBackendSchema.optional(),
      rules: z
        .array(z.object({ http: z.object({ paths: z.array(z.object({ backend: ingressBackendSchema })) }).optional() }))
        .optional(),
    })
    .optional(),
});

export type PodTemplate = z.infer<typeof podTemplateSchema>;
export type ObjectMetadata = z.infer<typeof objectMetadataSchema>;
export type KubernetesService = z.infer<typeof serviceSchema>;
export type KubernetesIngress = z.infer<typeof ingressSchema>;
