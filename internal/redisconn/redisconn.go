// Package redisconn turns LEADFLOW_REDIS_URL into Asynq's connection
// options, for one server or a Sentinel-monitored master.
package redisconn

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/config"
)

// Options turns LEADFLOW_REDIS_URL into Asynq's connection options:
// one server (redis://, rediss://) or a Sentinel-monitored master
// (redis-sentinel://host1:port,host2:port/db?master=name), which Asynq and
// go-redis follow through failovers. The password of a Sentinel URL is the
// master's and the sentinels'. dial and rw bound connecting and each
// command: short bounds keep a webhook fast while Redis is away (the event
// is already durable and the relay enqueues it later).
func Options(raw string, dial, rw time.Duration) (asynq.RedisConnOpt, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvRedisURL, err)
	}
	if u.Scheme == "redis-sentinel" {
		o := asynq.RedisFailoverClientOpt{
			MasterName: u.Query().Get("master"), SentinelAddrs: strings.Split(u.Host, ","),
			DialTimeout: dial, ReadTimeout: rw, WriteTimeout: rw,
		}
		if o.MasterName == "" {
			return nil, fmt.Errorf("%s: a redis-sentinel:// URL needs ?master=<name>", config.EnvRedisURL)
		}
		if p, ok := u.User.Password(); ok {
			o.Password, o.SentinelPassword = p, p
		}
		if db := strings.Trim(u.Path, "/"); db != "" {
			if o.DB, err = strconv.Atoi(db); err != nil {
				return nil, fmt.Errorf("%s: the database number must be the path, got %q", config.EnvRedisURL, db)
			}
		}
		return o, nil
	}
	opt, err := asynq.ParseRedisURI(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvRedisURL, err)
	}
	ro, ok := opt.(asynq.RedisClientOpt)
	if !ok {
		return nil, fmt.Errorf("%s: use redis://, rediss:// or redis-sentinel://", config.EnvRedisURL)
	}
	ro.DialTimeout, ro.ReadTimeout, ro.WriteTimeout = dial, rw, rw
	return ro, nil
}
