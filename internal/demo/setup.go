package demo

import (
	"fmt"
	"net"

	"leadflow/config"
)

// Usage is the help of `leadflow demo`, above its flags.
const Usage = "Usage: leadflow demo [flags]\n\nStarts PostgreSQL and Redis on free loopback ports under --dir, migrates a fresh\n'leadflow' database, seeds three reps, runs serve+worker+scheduler in this process,\nposts signed synthetic leads to the generic webhook and prints what happened:\nthe figures, simulated deal outcomes (closed by each synthetic person's hidden\nprofile, never the score) with the pareto report over them, sample emails, web app sign-in tokens for a rep and a manager (new\nevery run), and a `leadflow post` line to send a lead of your own. The webhook\nsecret is generated once and kept in <dir>/" + SecretFile + ".\nLEADFLOW_HTTP_ADDR is used when free (default 127.0.0.1:8080), else a free port.\nIt runs until Ctrl-C (or --exit)."

// Config is the demo's configuration: the environment read by getenv, with
// the demo's own PostgreSQL, Redis and webhook secret, and warnings only
// in the log (the report is the demo's output).
func Config(databaseURL, redisURL, secret string, getenv func(string) string) (config.Config, error) {
	env := map[string]string{
		config.EnvDatabaseURL:    databaseURL,
		config.EnvRedisURL:       redisURL,
		config.EnvWebhookSecrets: secret,
		config.EnvLogLevel:       "warn",
	}
	cfg, err := config.Load(func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return getenv(k)
	})
	if err != nil {
		return cfg, fmt.Errorf("invalid configuration: %w", err)
	}
	return cfg, nil
}

// Listen listens on addr when it is free, else on a free loopback port: a
// demo should start even beside another leadflow.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("listen: %w", err)
		}
	}
	return ln, nil
}

// SampleTemplates are the emails the report shows, each as the templates
// that may carry it, first preferred: the first step of the nurture
// program leads are routed to, and the rep notification — or the digest it
// folds into when a rep gets a burst of leads at once (how many arrive
// together depends on how the demo's leads were grouped for processing).
// repDigest is the digest's template ("" when digests are off).
func SampleTemplates(f config.File, repDigest string) [][]string {
	var samples [][]string
	if steps := f.Email.Nurture[f.Routing.NurtureProgram]; len(steps) > 0 {
		samples = append(samples, []string{steps[0].Template})
	}
	if t := f.Email.RepNotification; t != "" {
		rep := []string{t}
		if repDigest != "" {
			rep = append(rep, repDigest)
		}
		samples = append(samples, rep)
	}
	return samples
}
