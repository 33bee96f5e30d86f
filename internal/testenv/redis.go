package testenv

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"leadflow/internal/localsvc"
)

// redisCounterKey, in DB 0, counts logical databases handed out; INCR is
// atomic across every test binary sharing the server.
const redisCounterKey = "leadflow:testenv:next_db"

// sharedRedis is the server every RedisURL of this binary draws from.
type sharedRedis struct {
	base      *url.URL // server URL; its path is replaced by the DB index
	admin     *redis.Client
	databases int
}

var (
	redisOnce   sync.Once
	redisShared *sharedRedis
	redisErr    error
)

// RedisURL returns the URL of a Redis logical database no other running
// test uses, emptied with FLUSHDB first.
func RedisURL(t testing.TB) string {
	t.Helper()
	sr, err := redisServer()
	if err != nil {
		unavailable(t, err)
	}
	ctx, cancel := setupContext()
	defer cancel()
	n, err := sr.admin.Incr(ctx, redisCounterKey).Result()
	if err != nil {
		t.Fatalf("testenv: allocate redis database: %v", err)
	}
	dbURL := withPath(sr.base, strconv.Itoa(redisIndex(n, sr.databases)))
	opt, err := redis.ParseURL(dbURL)
	if err != nil {
		t.Fatalf("testenv: parse %s: %v", dbURL, err)
	}
	c := redisClient(opt)
	defer c.Close()
	if err := c.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("testenv: flush redis database %d: %v", opt.DB, err)
	}
	return dbURL
}

func redisServer() (*sharedRedis, error) {
	redisOnce.Do(func() { redisShared, redisErr = connectRedis() })
	return redisShared, redisErr
}

func connectRedis() (*sharedRedis, error) {
	ctx, cancel := setupContext()
	defer cancel()
	serverURL := os.Getenv(EnvRedisURL)
	if serverURL == "" {
		if !inMain.Load() {
			return nil, errNoMain
		}
		root, err := workDir()
		if err != nil {
			return nil, err
		}
		r, err := localsvc.StartRedis(ctx, filepath.Join(root, "redis"), localsvc.RedisOptions{Databases: redisDatabases})
		if err != nil {
			return nil, err
		}
		onShutdown(r.Stop)
		serverURL = r.URL(0)
	}
	base, err := url.Parse(serverURL)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", EnvRedisURL, err)
	}
	opt, err := redis.ParseURL(withPath(base, "0"))
	if err != nil {
		return nil, fmt.Errorf("parse redis url: %w", err)
	}
	admin := redisClient(opt)
	if err := admin.Ping(ctx).Err(); err != nil {
		admin.Close()
		return nil, fmt.Errorf("connect to test redis at %s: %w", opt.Addr, err)
	}
	// A server someone else configured may have fewer databases than ours;
	// managed servers may refuse CONFIG, in which case assume the default.
	databases := 16
	if cfg, err := admin.ConfigGet(ctx, "databases").Result(); err == nil {
		if n, err := strconv.Atoi(cfg["databases"]); err == nil {
			databases = n
		}
	}
	if databases < 2 {
		admin.Close()
		return nil, errors.New("test redis has a single logical database; start it with --databases 512")
	}
	onShutdown(func(context.Context) error { return admin.Close() })
	return &sharedRedis{base: base, admin: admin, databases: databases}, nil
}
