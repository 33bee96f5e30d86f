package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"leadflow/config"
	"leadflow/internal/localsvc"
)

// roleProcs runs leadflow roles as child processes of the bench, each on
// its own HTTP port, so their memory is their own and a crash is visible.
type roleProcs struct {
	bin    string
	env    map[string]string
	stderr io.Writer
	procs  []proc
}

type proc struct {
	name string
	cmd  *exec.Cmd
}

// start runs `leadflow <role>` (the name up to a '#') and waits for its
// /healthz; it returns the process's base URL.
func (b *roleProcs) start(ctx context.Context, name string) (string, error) {
	role, _, _ := strings.Cut(name, "#")
	port, err := localsvc.FreePort()
	if err != nil {
		return "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(b.bin, role)
	cmd.Env = os.Environ()
	for k, v := range b.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, config.EnvHTTPAddr+"="+addr)
	cmd.Stdout, cmd.Stderr = b.stderr, b.stderr
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start leadflow %s: %w", role, err)
	}
	b.procs = append(b.procs, proc{name: name, cmd: cmd})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base, nil
			}
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("leadflow %s did not answer /healthz within 30s", role)
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// pids returns the process id of every role started, by name.
func (b *roleProcs) pids() map[string]int {
	out := map[string]int{}
	for _, p := range b.procs {
		out[p.name] = p.cmd.Process.Pid
	}
	return out
}

// stopAll asks every process to stop (SIGTERM, as an orchestrator would)
// and kills what is still running after the shutdown bound.
func (b *roleProcs) stopAll() {
	for _, p := range b.procs {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range b.procs {
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = p.cmd.Process.Kill()
			<-done
		}
	}
}
