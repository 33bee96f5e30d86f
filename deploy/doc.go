// Package deploy holds what docker-compose.yml mounts into the monitoring
// containers: the Prometheus scrape configuration (prometheus/) and the
// Grafana provisioning and dashboards (grafana/).
//
// It has no Go API. Its tests load the repository's docker-compose.yml,
// Dockerfile, .dockerignore and these files offline, and fail when they drift
// from the binary: an environment variable the binary does not read, a metric
// or label a dashboard queries that leadflow does not export, a mount whose
// source is missing, or a scrape target that is not a compose service.
package deploy
