{{/* Name of a stage's objects: <release>-<stage>. */}}
{{- define "sieve.stageName" -}}
{{- printf "%s-%s" .root.Release.Name .stage | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "sieve.labels" -}}
app.kubernetes.io/name: sieve
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Labels that select one stage's pods. */}}
{{- define "sieve.selectorLabels" -}}
app.kubernetes.io/name: sieve
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .stage }}
{{- end -}}

{{/* Environment every service and the provisioning job read (libs/config). */}}
{{- define "sieve.environment" -}}
- name: SIEVE_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.urlKey }}
- name: SIEVE_KAFKA_BROKERS
  value: {{ .Values.config.kafkaBrokers | quote }}
- name: SIEVE_SCHEMA_REGISTRY_URL
  value: {{ .Values.config.schemaRegistryUrl | quote }}
- name: SIEVE_OPENSEARCH_URL
  value: {{ .Values.config.opensearchUrl | quote }}
- name: SIEVE_TOPIC_PREFIX
  value: {{ .Values.config.topicPrefix | quote }}
{{- if .Values.config.databaseSchema }}
- name: SIEVE_DATABASE_SCHEMA
  value: {{ .Values.config.databaseSchema | quote }}
{{- end }}
- name: SIEVE_LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
- name: SIEVE_HTTP_HOST
  value: "0.0.0.0"
- name: SIEVE_KAFKA_TLS
  value: {{ .Values.config.kafka.tls | quote }}
{{- if .Values.config.kafka.saslMechanism }}
- name: SIEVE_KAFKA_SASL_MECHANISM
  value: {{ .Values.config.kafka.saslMechanism | quote }}
- name: SIEVE_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.config.kafka.saslSecret }}
      key: {{ .Values.config.kafka.saslUsernameKey }}
- name: SIEVE_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.config.kafka.saslSecret }}
      key: {{ .Values.config.kafka.saslPasswordKey }}
{{- end }}
{{- end -}}
