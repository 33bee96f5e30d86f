package localsvc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// redisWait bounds how long Start waits for PING and Stop for the port to
// close. Redis is ready in ~30 ms on an idle machine; the margin is for a
// loaded CI runner.
const redisWait = 20 * time.Second

// RedisOptions configures StartRedis.
type RedisOptions struct {
	// Port is the TCP port on 127.0.0.1 the server listens on.
	// Default 0: a free port chosen by FreePort (retried if it is taken).
	Port int
	// Databases is the number of logical databases (SELECT 0..N-1).
	// Default 16, Redis's own default.
	Databases int
	// Logf receives one line per lifecycle event (start, stop).
	// Default: discard.
	Logf func(format string, args ...any)
}

// Redis is a redis-server with persistence off, whose pidfile and log live
// in its directory. It is safe to Stop and Start it repeatedly; the port
// stays the same.
type Redis struct {
	bin       string
	dir       string
	port      int
	databases int
	logf      func(string, ...any)
}

// FindRedisBin returns the path of redis-server: $LEADFLOW_REDIS_BIN if set,
// else the one on PATH.
func FindRedisBin() (string, error) {
	if p := os.Getenv("LEADFLOW_REDIS_BIN"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("use LEADFLOW_REDIS_BIN=%s: %w", p, err)
		}
		return p, nil
	}
	p, err := exec.LookPath("redis-server")
	if err != nil {
		return "", fmt.Errorf("find redis-server: not on PATH; install it with `apt-get install -y redis-server`: %w", err)
	}
	return p, nil
}

// StartRedis starts redis-server on 127.0.0.1 with its pidfile and log in
// dir, and waits until it answers PING. Nothing is persisted: a restart
// starts empty.
func StartRedis(ctx context.Context, dir string, o RedisOptions) (*Redis, error) {
	bin, err := FindRedisBin()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve redis directory %s: %w", dir, err)
	}
	if err := makeDirs(abs); err != nil {
		return nil, fmt.Errorf("prepare redis directory: %w", err)
	}
	r := &Redis{bin: bin, dir: abs, port: o.Port, databases: o.Databases, logf: o.Logf}
	if r.databases <= 0 {
		r.databases = 16
	}
	if r.logf == nil {
		r.logf = nopLogf
	}
	// A server left running in dir by an earlier caller would hold the
	// pidfile and maybe another port; replace it so options apply.
	if err := StopRedisDir(ctx, abs); err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		if o.Port == 0 {
			if r.port, err = FreePort(); err != nil {
				return nil, err
			}
		}
		logFrom := fileSize(r.logPath())
		err = r.Start(ctx)
		if err == nil {
			return r, nil
		}
		if o.Port != 0 || attempt == 3 || !strings.Contains(logTail(r.logPath(), logFrom), "already in use") {
			return nil, err
		}
		r.logf("redis: port %d was taken, retrying on another", r.port)
	}
}

// URL returns the URL of logical database db on this server.
func (r *Redis) URL(db int) string { return fmt.Sprintf("redis://127.0.0.1:%d/%d", r.port, db) }

// Port returns the TCP port the server listens on.
func (r *Redis) Port() int { return r.port }

// Dir returns the directory holding redis.pid and redis.log.
func (r *Redis) Dir() string { return r.dir }

// Start starts the server on its port and waits until it answers PING.
// Starting a running server is a no-op.
func (r *Redis) Start(ctx context.Context) error {
	if pid := redisPID(r.dir); pid != 0 && portOpen(r.port) && r.ping(ctx) == nil {
		return nil
	}
	// A pidfile left by a killed server would make a later Stop signal
	// whatever process reuses that pid.
	_ = os.Remove(r.pidPath())
	logFrom := fileSize(r.logPath())
	began := time.Now()
	out, err := runCommand(ctx, "", r.bin,
		"--bind", "127.0.0.1",
		"--port", strconv.Itoa(r.port),
		"--dir", r.dir,
		"--save", "",
		"--appendonly", "no",
		"--daemonize", "yes",
		"--pidfile", r.pidPath(),
		"--logfile", r.logPath(),
		"--databases", strconv.Itoa(r.databases),
	)
	if err != nil {
		return fmt.Errorf("start redis-server on port %d in %s: %w%s", r.port, r.dir, err, detail(out, r.logPath(), logFrom))
	}
	waitCtx, cancel := context.WithTimeout(ctx, redisWait)
	defer cancel()
	for {
		// Dial first: go-redis logs every failed dial, and the port stays
		// closed for the first few milliseconds.
		err = fmt.Errorf("port %d not open yet", r.port)
		if portOpen(r.port) {
			err = r.ping(waitCtx)
		}
		if err == nil {
			r.logf("redis: started on port %d in %s (%s)", r.port, r.dir, time.Since(began).Round(time.Millisecond))
			return nil
		}
		// A bind failure makes the daemon exit at once; no point waiting.
		if strings.Contains(logTail(r.logPath(), logFrom), "already in use") {
			break
		}
		select {
		case <-waitCtx.Done():
		case <-time.After(10 * time.Millisecond):
			continue
		}
		break
	}
	return fmt.Errorf("wait for redis-server on port %d to answer PING: %w%s", r.port, err, detail(nil, r.logPath(), logFrom))
}

// Stop shuts the server down without saving and waits until its port is
// closed. Stopping a stopped server is a no-op.
func (r *Redis) Stop(ctx context.Context) error {
	wasRunning := portOpen(r.port)
	if wasRunning && r.ping(ctx) == nil {
		c := r.client()
		err := c.ShutdownNoSave(ctx).Err()
		c.Close()
		if err != nil && !strings.Contains(err.Error(), "closed") {
			r.logf("redis: SHUTDOWN NOSAVE on port %d failed (%v), signalling the process", r.port, err)
		}
	}
	// SHUTDOWN may have been refused or not reached the server: fall back
	// to the pidfile, which also covers a server that stopped answering.
	if err := StopRedisDir(ctx, r.dir); err != nil {
		return err
	}
	waitCtx, cancel := context.WithTimeout(ctx, redisWait)
	defer cancel()
	for portOpen(r.port) {
		select {
		case <-waitCtx.Done():
			return fmt.Errorf("wait for redis-server on port %d to stop: %w%s", r.port, waitCtx.Err(), detail(nil, r.logPath(), 0))
		case <-time.After(10 * time.Millisecond):
		}
	}
	if wasRunning {
		r.logf("redis: stopped server on port %d", r.port)
	}
	return nil
}

// StopRedisDir stops the redis-server whose pidfile is dir/redis.pid, if it
// is running, and waits for it to exit: for a later process (make's cleanup
// step) to stop servers an earlier one left running.
func StopRedisDir(ctx context.Context, dir string) error {
	pid := redisPID(dir)
	if pid == 0 {
		return nil
	}
	// SIGTERM makes redis-server exit cleanly; with persistence off it
	// writes nothing.
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		if errors.Is(err, syscall.ESRCH) {
			return nil
		}
		return fmt.Errorf("signal redis-server pid %d from %s: %w", pid, dir, err)
	}
	deadline := time.Now().Add(redisWait)
	for syscall.Kill(pid, 0) == nil && isRedisProcess(pid) {
		if time.Now().After(deadline) {
			return fmt.Errorf("wait for redis-server pid %d from %s to exit: still running after %s", pid, dir, redisWait)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for redis-server pid %d to exit: %w", pid, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	_ = os.Remove(filepath.Join(dir, "redis.pid"))
	return nil
}

// redisPID returns the pid recorded in dir/redis.pid when that process is
// alive and is a redis-server, else 0. Checking the command guards against
// signalling an unrelated process that reused a stale pid.
func redisPID(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "redis.pid"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	if syscall.Kill(pid, 0) != nil || !isRedisProcess(pid) {
		return 0
	}
	return pid
}

// isRedisProcess reports whether pid runs redis-server. A zombie (exited,
// not yet reaped) counts as gone.
func isRedisProcess(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// Format: "pid (comm) state ..."; comm may contain spaces.
	s := string(stat)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open || end+2 >= len(s) {
		return false
	}
	return strings.HasPrefix(s[open+1:end], "redis-server") && s[end+2] != 'Z'
}

func (r *Redis) client() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:          fmt.Sprintf("127.0.0.1:%d", r.port),
		DialTimeout:   500 * time.Millisecond,
		MaxRetries:    -1,
		DialerRetries: 1,
		PoolSize:      1,
		// The handshake for maintenance notifications is for managed
		// clusters; against a local server it only adds log noise.
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
		DisableIdentity:          true,
	})
}

func (r *Redis) ping(ctx context.Context) error {
	c := r.client()
	defer c.Close()
	return c.Ping(ctx).Err()
}

func (r *Redis) pidPath() string { return filepath.Join(r.dir, "redis.pid") }
func (r *Redis) logPath() string { return filepath.Join(r.dir, "redis.log") }
