{{/* The chart's name, cut to Kubernetes' 63 characters. */}}
{{- define "chatopsjit.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: every object is called this, or this plus a suffix. */}}
{{- define "chatopsjit.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The labels that pick the pods: the Deployment's, the Service's and the PodDisruptionBudget's selector. */}}
{{- define "chatopsjit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatopsjit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "chatopsjit.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chatopsjit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "chatopsjit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chatopsjit.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret a section's values come from: the operator's existingSecret, else the one the chart renders
("<fullname>-<suffix>"), else nothing when the section is off. Called with (dict "root" $ "section" .Values.slack
"suffix" "slack" "given" <true when a value is set>).
*/}}
{{- define "chatopsjit.secretName" -}}
{{- if .section.existingSecret }}
{{- .section.existingSecret }}
{{- else if .given }}
{{- printf "%s-%s" (include "chatopsjit.fullname" .root) .suffix }}
{{- end }}
{{- end }}

{{- define "chatopsjit.slackSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.slack "suffix" "slack" "given" (or .Values.slack.signingSecret .Values.slack.botToken .Values.slack.appToken)) }}
{{- end }}
{{- define "chatopsjit.teamsSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.teams "suffix" "teams" "given" (or .Values.teams.appId .Values.teams.appPassword .Values.teams.tenantId)) }}
{{- end }}
{{- define "chatopsjit.awsSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.aws "suffix" "aws" "given" (or .Values.aws.accessKeyId .Values.aws.secretAccessKey)) }}
{{- end }}
{{- define "chatopsjit.emailSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.email "suffix" "email" "given" (or .Values.email.username .Values.email.password)) }}
{{- end }}
{{- define "chatopsjit.auditSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.audit "suffix" "audit" "given" .Values.audit.key) }}
{{- end }}
{{- define "chatopsjit.storageSecret" -}}
{{- include "chatopsjit.secretName" (dict "root" . "section" .Values.storage "suffix" "storage" "given" .Values.storage.connectionString) }}
{{- end }}

{{/* One env entry read from a Secret's key. */}}
{{- define "chatopsjit.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}
