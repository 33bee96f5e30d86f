package loadgen

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// ProcessRSS returns the resident set size of process pid and its peak
// (VmRSS and VmHWM from /proc/<pid>/status), in bytes. It works on Linux
// only.
func ProcessRSS(pid int) (rss, peak int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("read memory of process %d: %w", pid, err)
	}
	var haveRSS, havePeak bool
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, val, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		switch string(key) {
		case "VmRSS":
			rss, err = parseKB(val)
			haveRSS = err == nil
		case "VmHWM":
			peak, err = parseKB(val)
			havePeak = err == nil
		default:
			continue
		}
		if err != nil {
			return 0, 0, fmt.Errorf("parse %s of process %d: %w", key, pid, err)
		}
	}
	if !haveRSS || !havePeak {
		// Kernel threads and zombies have no memory lines.
		return 0, 0, fmt.Errorf("read memory of process %d: no VmRSS/VmHWM in /proc/%d/status", pid, pid)
	}
	return rss, peak, nil
}

// parseKB parses a /proc value like "   1234 kB" into bytes.
func parseKB(v []byte) (int64, error) {
	f := bytes.Fields(v)
	if len(f) != 2 || string(f[1]) != "kB" {
		return 0, fmt.Errorf("unexpected value %q", bytes.TrimSpace(v))
	}
	n, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil {
		return 0, err
	}
	return n * 1024, nil
}
