{{/* Settings that cannot work together stop the render with one line saying what to change. */}}
{{- define "chatopsjit.validate" -}}
{{- $provider := lower (toString .Values.storage.provider) }}
{{- if not (has $provider (list "sqlite" "postgres")) }}
{{- fail (printf "storage.provider must be sqlite or postgres; got '%s'" .Values.storage.provider) }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (eq $provider "sqlite") }}
{{- fail (printf "replicaCount=%d needs storage.provider=postgres: SQLite is one file on one pod's volume; set storage.provider=postgres with storage.connectionString (or storage.existingSecret), or replicaCount=1" (int .Values.replicaCount)) }}
{{- end }}
{{- if and (eq $provider "postgres") (not (or .Values.storage.connectionString .Values.storage.existingSecret)) }}
{{- fail "storage.provider=postgres needs storage.connectionString (Host=…;Database=…;Username=…;Password=…) or storage.existingSecret" }}
{{- end }}
{{- if and (eq $provider "postgres") (not (or .Values.audit.key .Values.audit.existingSecret)) }}
{{- fail "storage.provider=postgres needs audit.key (openssl rand -base64 32) or audit.existingSecret: every replica seals the one audit chain with the same key" }}
{{- end }}
{{- if and .Values.storage.persistence.enabled (gt (int .Values.replicaCount) 1) (not .Values.storage.persistence.existingClaim) (has "ReadWriteOnce" .Values.storage.persistence.accessModes) }}
{{- fail "storage.persistence with ReadWriteOnce cannot be shared by several replicas; with postgres leave storage.persistence.enabled=false (each pod keeps its audit anchors on an emptyDir)" }}
{{- end }}
{{- if not (has (lower (toString .Values.email.provider)) (list "smtp" "ses")) }}
{{- fail (printf "email.provider must be smtp or ses; got '%s'" .Values.email.provider) }}
{{- end }}
{{- end }}
