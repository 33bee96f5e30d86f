package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// ReplayCache remembers replay keys across every instance of the server.
type ReplayCache interface {
	// Claim records key with the request's fingerprint for ttl. It reports
	// false when the key was already claimed with a different fingerprint:
	// the same signature reused for another body, i.e. a replay. The same
	// fingerprint again is the provider retrying, which is allowed (the
	// durable dedupe then finds the stored event).
	Claim(ctx context.Context, key, fingerprint string, ttl time.Duration) (bool, error)
}

// RedisReplayCache is a ReplayCache in Redis (SET NX with expiry).
type RedisReplayCache struct {
	rdb    redis.UniversalClient
	prefix string
}

// NewRedisReplayCache returns a cache storing keys under "leadflow:replay:".
func NewRedisReplayCache(rdb redis.UniversalClient) *RedisReplayCache {
	return &RedisReplayCache{rdb: rdb, prefix: "leadflow:replay:"}
}

// Claim implements ReplayCache.
func (c *RedisReplayCache) Claim(ctx context.Context, key, fingerprint string, ttl time.Duration) (bool, error) {
	k := c.prefix + key
	ok, err := c.rdb.SetNX(ctx, k, fingerprint, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("claim replay key: %w", err)
	}
	if ok {
		return true, nil
	}
	prev, err := c.rdb.Get(ctx, k).Result()
	if errors.Is(err, redis.Nil) {
		return true, nil // expired between the two calls
	}
	if err != nil {
		return false, fmt.Errorf("read replay key: %w", err)
	}
	return prev == fingerprint, nil
}

func fingerprint(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
