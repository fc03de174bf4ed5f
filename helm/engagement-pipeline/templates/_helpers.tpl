{{/* Prefix of every object name: the release name. */}}
{{- define "ep.fullname" -}}
{{- .Release.Name | trunc 30 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. Call with (dict "root" $ "component" "name"). */}}
{{- define "ep.labels" -}}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version }}
app.kubernetes.io/part-of: engagement-pipeline
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "ep.selectorLabels" . }}
{{- end -}}

{{- define "ep.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .component }}
{{- end -}}

{{- define "ep.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "ep.fullname" .)) -}}
{{- end -}}

{{- define "ep.connectName" -}}{{ include "ep.fullname" . }}-connect{{- end -}}
{{- define "ep.connectImage" -}}
{{- .Values.kafkaConnect.image | default (printf "%s/connect-debezium:%s" .Values.imageDefaults.registry .Values.imageDefaults.tag) -}}
{{- end -}}
{{/* The Kafka Connect REST API: Strimzi names the Service <KafkaConnect name>-connect-api (KafkaConnectResources.serviceName). */}}
{{- define "ep.connectUrl" -}}http://{{ include "ep.connectName" . }}-connect-api:8083{{- end -}}

{{/* In-cluster addresses. */}}
{{- define "ep.kafkaBootstrap" -}}{{ include "ep.fullname" . }}-redpanda:9092{{- end -}}
{{- define "ep.postgresHost" -}}{{ include "ep.fullname" . }}-postgres{{- end -}}
{{- define "ep.redisUrl" -}}redis://{{ include "ep.fullname" . }}-redis:6379{{- end -}}
{{- define "ep.clickhouseUrl" -}}http://{{ include "ep.fullname" . }}-clickhouse:8123{{- end -}}
{{- define "ep.webhookUrl" -}}
{{- if .Values.webhook.url -}}
{{- .Values.webhook.url -}}
{{- else -}}
http://{{ include "ep.fullname" . }}-webhook-receiver:{{ (index .Values.services "webhook-receiver").port }}{{ .Values.webhook.path }}
{{- end -}}
{{- end -}}

{{/* Env var from the pipeline Secret. Call with (dict "root" $ "name" "ENV" "key" "secret-key"). */}}
{{- define "ep.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "ep.secretName" .root }}
      key: {{ .key }}
{{- end -}}

{{/* Connection env vars for what a service uses. Call with (dict "root" $ "uses" list). */}}
{{- define "ep.connectionEnv" -}}
{{- $root := .root -}}
{{- if has "kafka" .uses }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "ep.kafkaBootstrap" $root | quote }}
{{- end }}
{{- if has "postgres" .uses }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql://%s:5432/%s" (include "ep.postgresHost" $root) $root.Values.postgres.database | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:5432/%s" (include "ep.postgresHost" $root) $root.Values.postgres.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ $root.Values.postgres.username | quote }}
{{ include "ep.secretEnv" (dict "root" $root "name" "QUARKUS_DATASOURCE_PASSWORD" "key" "postgres-password") }}
{{- end }}
{{- if has "redis" .uses }}
- name: QUARKUS_REDIS_HOSTS
  value: {{ include "ep.redisUrl" $root | quote }}
{{- end }}
{{- if has "clickhouse" .uses }}
- name: CLICKHOUSE_URL
  value: {{ include "ep.clickhouseUrl" $root | quote }}
- name: CLICKHOUSE_DATABASE
  value: {{ $root.Values.clickhouse.database | quote }}
{{- end }}
{{- if has "connect" .uses }}
- name: CONNECT_URL
  value: {{ include "ep.connectUrl" $root | quote }}
{{- end }}
{{- if has "prometheus" .uses }}
- name: PROMETHEUS_URL
  value: {{ printf "http://%s-prometheus:9090" (include "ep.fullname" $root) | quote }}
{{- end }}
{{- if has "webhook-receiver" .uses }}
- name: FORWARDER_WEBHOOK_URL
  value: {{ include "ep.webhookUrl" $root | quote }}
{{- end }}
{{- end -}}

{{/* Pod security: non-root with a fixed uid. Call with the uid. */}}
{{- define "ep.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container security: read-only root filesystem, no privilege escalation, no capabilities. */}}
{{- define "ep.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Topics of files/topics.conf (a link to stack/topics.conf) as a list of dicts name/partitions/configs. */}}
{{- define "ep.topics" -}}
{{- $topics := list -}}
{{- range $line := splitList "\n" (.Files.Get "files/topics.conf") -}}
{{- $line = trim $line -}}
{{- if and $line (not (hasPrefix "#" $line)) -}}
{{- $fields := regexSplit "\\s+" $line -1 -}}
{{- $configs := list -}}
{{- if gt (len $fields) 2 -}}
{{- /* A value may contain commas (cleanup.policy=compact,delete): split only at a comma before the next key=. */ -}}
{{- $configs = splitList "\n" (regexReplaceAll ",([a-z.]+=)" (index $fields 2) "\n${1}") -}}
{{- end -}}
{{- $topics = append $topics (dict "name" (index $fields 0) "partitions" (index $fields 1 | atoi) "configs" $configs) -}}
{{- end -}}
{{- end -}}
{{- toJson (dict "topics" $topics) -}}
{{- end -}}

{{/* podSelectors of the enabled services that use .target. Call with (dict "root" $ "target" "kafka"). */}}
{{- define "ep.clientsUsing" -}}
{{- $root := .root -}}
{{- range $client, $values := $root.Values.services }}
{{- if and $values.enabled (has $.target $values.uses) }}
- podSelector:
    matchLabels:
      {{- include "ep.selectorLabels" (dict "root" $root "component" $client) | nindent 6 }}
{{- end }}
{{- end }}
{{- end -}}
