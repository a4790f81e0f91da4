{{- define "brook-operator.labels" -}}
app.kubernetes.io/name: brook-operator
app.kubernetes.io/part-of: brook
{{- end -}}

{{- define "brook-operator.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "brook-operator.brokerImage" -}}
{{ .Values.brokerImage.repository }}:{{ .Values.brokerImage.tag | default .Chart.AppVersion }}
{{- end -}}
