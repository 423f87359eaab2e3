package proctest

import "syscall"

// Fault helpers for robustness tests: freeze and thaw a process, ask whether it ended.

// Pid is the process id.
func (p *Proc) Pid() int { return p.cmd.Process.Pid }

// Pause freezes the process (SIGSTOP): it keeps its sockets but answers nothing.
func (p *Proc) Pause() { p.cmd.Process.Signal(syscall.SIGSTOP) }

// Resume thaws a paused process (SIGCONT).
func (p *Proc) Resume() { p.cmd.Process.Signal(syscall.SIGCONT) }

// Exited reports whether the process has ended.
func (p *Proc) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}
