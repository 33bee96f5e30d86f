// Package localsvc starts and stops throwaway PostgreSQL and Redis servers on
// the loopback interface, without Docker.
//
// It serves two callers: internal/testenv, which needs real servers for every
// database and queue test, and the `leadflow demo` command, which runs the
// whole system on one machine. Servers are ordinary daemons (pg_ctl and
// redis-server --daemonize) whose state lives in a directory the caller owns,
// so a crashed caller leaves nothing that the next StartPostgres/StartRedis on
// the same directory cannot recover from.
//
// PostgreSQL refuses to run as root. When the caller is root, the cluster
// directory is owned by the `postgres` system user and every server binary is
// run through `runuser -u postgres --`; that user must be able to traverse
// every parent of the directory, which StartPostgres checks up front so the
// failure names the directory instead of surfacing as a cryptic initdb error.
package localsvc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNotTraversable is returned (wrapped) by StartPostgres when, running as
// root, a parent of the data directory cannot be traversed by the postgres
// user. Callers may fall back to a directory under /tmp.
var ErrNotTraversable = errors.New("directory not traversable by the postgres user")

// logTailLines is how much of a server log an error carries: enough for the
// FATAL line and its context, short enough to read in a test failure.
const logTailLines = 20

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
//
// The port is released before returning, so another process may take it
// first; StartPostgres and StartRedis retry with a new port when the one they
// picked turns out to be taken.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// portOpen reports whether something accepts TCP connections on the port.
func portOpen(port int) bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 200*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// makeDirs creates dir and any missing parents with mode 0755. The mode is
// set explicitly (not left to the umask) because the postgres user must be
// able to traverse every directory we create.
func makeDirs(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("inspect %s: %w", d, err)
		}
		missing = append(missing, d)
		if d == filepath.Dir(d) {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("create %s: %w", missing[i], err)
		}
		if err := os.Chmod(missing[i], 0o755); err != nil {
			return fmt.Errorf("make %s world-traversable: %w", missing[i], err)
		}
	}
	return nil
}

// runCommand runs name with args, returning its combined output. WaitDelay
// guards against a daemon that keeps our output pipe open after its parent
// exits: we stop waiting for the pipe instead of hanging.
func runCommand(ctx context.Context, dir string, name string, args ...string) ([]byte, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	return out.Bytes(), err
}

// logTail returns the last lines of the file at path, starting no earlier
// than byte offset from, or a note saying why it could not be read.
func logTail(path string, from int64) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	defer f.Close()
	if from > 0 {
		if _, err := f.Seek(from, io.SeekStart); err != nil {
			return fmt.Sprintf("(read log %s: %v)", path, err)
		}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Sprintf("(read log %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > logTailLines {
		lines = lines[len(lines)-logTailLines:]
	}
	if len(lines) == 1 && lines[0] == "" {
		return "(log " + path + " is empty)"
	}
	return strings.Join(lines, "\n")
}

// fileSize returns the size of path, or 0 when it does not exist; it marks
// where this run's log lines begin so errors do not quote an older failure.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// detail formats command output and a log tail for the end of an error.
func detail(output []byte, logPath string, logFrom int64) string {
	var b strings.Builder
	if out := strings.TrimSpace(string(output)); out != "" {
		b.WriteString("\n--- command output ---\n")
		b.WriteString(out)
	}
	b.WriteString("\n--- tail of " + logPath + " ---\n")
	b.WriteString(logTail(logPath, logFrom))
	return b.String()
}

// nopLogf is the default Logf: the package says nothing unless asked.
func nopLogf(string, ...any) {}
