// Package deploy holds what docker-compose.yml mounts into its containers:
// the Prometheus scrape configuration (prometheus/), the Grafana provisioning
// and dashboards (grafana/), the script giving Grafana's read-only database
// role its login (postgres/) and the folder for an optional leadflow.yaml
// (leadflow/).
//
// It has no Go API. Its tests load the repository's docker-compose.yml,
// .env.example, Dockerfile, .dockerignore, .gitignore and these files
// offline, and fail when they drift from the binary or loosen the stack's
// defences: an environment variable the binary does not read or that .env
// cannot set, a secret with a default, a port published on every interface,
// anonymous Grafana, a datasource that can write, a metric or label a
// dashboard queries that leadflow does not export, a mount whose source is
// missing, or a scrape target that is not a compose service.
package deploy
