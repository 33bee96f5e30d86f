package deploy

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
)

// dockerInstruction is one Dockerfile instruction with continuation lines
// joined.
type dockerInstruction struct {
	Cmd  string // upper case: FROM, RUN, ...
	Args string
}

// dockerStage is one FROM ... block.
type dockerStage struct {
	From         string
	Instructions []dockerInstruction
}

// parseDockerfile splits a Dockerfile into stages. It understands comments,
// parser directives and backslash continuations, which is all ours uses.
func parseDockerfile(t *testing.T, file string) []dockerStage {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()

	var stages []dockerStage
	var global []dockerInstruction // ARGs before the first FROM
	var pending strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && pending.Len() == 0) {
			continue
		}
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			pending.WriteString(cont + " ")
			continue
		}
		pending.WriteString(line)
		full := strings.TrimSpace(pending.String())
		pending.Reset()
		if full == "" {
			continue
		}
		cmd, args, _ := strings.Cut(full, " ")
		in := dockerInstruction{Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args)}
		switch {
		case in.Cmd == "FROM":
			stages = append(stages, dockerStage{From: in.Args})
		case len(stages) == 0:
			global = append(global, in)
		default:
			last := &stages[len(stages)-1]
			last.Instructions = append(last.Instructions, in)
		}
	}
	require.NoError(t, sc.Err())
	require.Zero(t, pending.Len(), "%s ends in a continuation", file)
	require.NotEmpty(t, stages, "%s has no FROM", file)
	if len(global) > 0 {
		stages[0].Instructions = append(global, stages[0].Instructions...)
	}
	return stages
}

// find returns the arguments of every instruction cmd in the stage.
func (s dockerStage) find(cmd string) []string {
	var out []string
	for _, in := range s.Instructions {
		if in.Cmd == cmd {
			out = append(out, in.Args)
		}
	}
	return out
}

var (
	goDirective   = regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`)
	goVersionArg  = regexp.MustCompile(`^GO_VERSION=(\d+)\.(\d+)`)
	goBuildTarget = regexp.MustCompile(`go build .*-o (\S+) (\./\S+)`)
)

func TestDockerfile(t *testing.T) {
	t.Parallel()
	stages := parseDockerfile(t, filepath.Join(repoRoot, "Dockerfile"))
	require.GreaterOrEqual(t, len(stages), 2, "build and runtime stages")
	build, runtime := stages[0], stages[len(stages)-1]

	t.Run("go toolchain covers go.mod", func(t *testing.T) {
		// The build sets GOTOOLCHAIN=local, so an image older than go.mod's
		// go directive fails instead of downloading a toolchain.
		mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
		require.NoError(t, err)
		want := goDirective.FindStringSubmatch(string(mod))
		require.NotNil(t, want, "go.mod has no go directive")
		var got []string
		for _, arg := range build.find("ARG") {
			if m := goVersionArg.FindStringSubmatch(arg); m != nil {
				got = m
			}
		}
		require.NotNil(t, got, "Dockerfile declares no ARG GO_VERSION=major.minor")
		require.Contains(t, build.From, "${GO_VERSION}")
		require.GreaterOrEqual(t, versionNumber(t, got[1], got[2]), versionNumber(t, want[1], want[2]),
			"Dockerfile Go %s.%s is older than go.mod's go %s.%s", got[1], got[2], want[1], want[2])
	})

	t.Run("static reproducible build of the binary", func(t *testing.T) {
		run := strings.Join(build.find("RUN"), "\n")
		m := goBuildTarget.FindStringSubmatch(run)
		require.NotNil(t, m, "no `go build ... -o OUT ./PKG` in the build stage")
		require.DirExists(t, filepath.Join(repoRoot, m[2]))
		require.Contains(t, run, "CGO_ENABLED=0", "distroless/static has no libc")
		require.Contains(t, run, "-trimpath")
		require.Contains(t, run, "-X main.version=${VERSION}")
		require.Contains(t, build.find("ARG"), "VERSION=dev")
		require.Contains(t, strings.Join(build.find("ENV"), "\n"), "GOTOOLCHAIN=local")

		// The entrypoint must be the binary the build stage produced.
		var dest string
		for _, c := range runtime.find("COPY") {
			fields := strings.Fields(c)
			if len(fields) == 3 && strings.HasPrefix(fields[0], "--from=") && fields[1] == m[1] {
				dest = fields[2]
			}
		}
		require.NotEmpty(t, dest, "runtime stage does not copy %s", m[1])
		entry := runtime.find("ENTRYPOINT")
		require.Len(t, entry, 1)
		var argv []string
		require.NoError(t, json.Unmarshal([]byte(entry[0]), &argv), "ENTRYPOINT must be exec form so signals reach the binary")
		require.Equal(t, []string{dest}, argv)
	})

	t.Run("runtime runs as non-root", func(t *testing.T) {
		users := runtime.find("USER")
		require.NotEmpty(t, users)
		user := users[len(users)-1]
		require.NotContains(t, []string{"root", "0", "root:root", "0:0"}, user)
	})

	t.Run("env vars known to the binary", func(t *testing.T) {
		known := map[string]bool{}
		for _, v := range config.EnvVars() {
			known[v.Name] = true
		}
		for _, stage := range stages {
			for _, env := range stage.find("ENV") {
				name, _, _ := strings.Cut(env, "=")
				if strings.HasPrefix(name, "LEADFLOW_") {
					require.True(t, known[name], "Dockerfile sets %s, which config.EnvVars() does not list", name)
				}
			}
		}
	})
}

func versionNumber(t *testing.T, major, minor string) int {
	t.Helper()
	a, err := strconv.Atoi(major)
	require.NoError(t, err)
	b, err := strconv.Atoi(minor)
	require.NoError(t, err)
	return a*1000 + b
}

// dockerignorePatterns reads .dockerignore. Exceptions (!) and ** would
// need Docker's full matcher, so the test refuses them rather than guess.
func dockerignorePatterns(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, ".dockerignore"))
	require.NoError(t, err)
	var patterns []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		require.False(t, strings.HasPrefix(line, "!") || strings.Contains(line, "**"),
			".dockerignore pattern %q needs Docker's full matcher; extend this test", line)
		patterns = append(patterns, filepath.Clean(strings.TrimPrefix(line, "/")))
	}
	return patterns
}

// dockerignored reports whether rel (slash-separated, relative to the
// context) is excluded: Docker excludes a path when a pattern matches it or
// any of its parent directories.
func dockerignored(patterns []string, rel string) bool {
	for p := rel; p != "." && p != "/"; p = filepath.Dir(p) {
		for _, pattern := range patterns {
			if ok, _ := filepath.Match(pattern, p); ok {
				return true
			}
		}
	}
	return false
}

func TestDockerignore(t *testing.T) {
	t.Parallel()
	patterns := dockerignorePatterns(t)

	// Local secrets and history must never reach the build context.
	for _, rel := range []string{".env", ".env.local", ".git/HEAD", ".leadflow/state", "bin/leadflow"} {
		require.True(t, dockerignored(patterns, rel), ".dockerignore lets %s into the image build", rel)
	}

	// Everything the build reads must stay in: module files, Go sources and
	// whatever sits beside them (migrations and templates are embedded).
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed by someone else while we walked
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && dockerignored(patterns, rel) {
				// Fine as long as no Go package lives there.
				matches, _ := filepath.Glob(filepath.Join(p, "*.go"))
				require.Empty(t, matches, ".dockerignore excludes Go package %s", rel)
				return filepath.SkipDir
			}
			return nil
		}
		needed := rel == "go.mod" || rel == "go.sum" || strings.HasSuffix(rel, ".go") ||
			strings.HasPrefix(rel, "migrations"+string(filepath.Separator))
		if needed {
			require.False(t, dockerignored(patterns, rel), ".dockerignore excludes %s, which the build needs", rel)
		}
		return nil
	})
	require.NoError(t, err)
}
