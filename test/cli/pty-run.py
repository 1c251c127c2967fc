# Runs a command on a pseudo-terminal, as an operator at a terminal would: waits for a prompt,
# types what the test says (a PIN, Ctrl-C, Ctrl-D), and reports the output and the exit status.
#   python3 pty-run.py '{"argv": [...], "env": {...}, "steps": [["Operator card PIN", "\u0003"]], "timeout": 30}'
import json, os, pty, select, sys, time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

out = b""
steps = list(spec.get("steps", []))
deadline = time.time() + spec.get("timeout", 30)
while time.time() < deadline:
    if steps and steps[0][0].encode() in out:
        time.sleep(0.3)  # the prompt is written just before the terminal goes raw
        os.write(fd, steps.pop(0)[1].encode())
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
timed_out = time.time() >= deadline
if timed_out:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
print(json.dumps({
    "output": out.decode("utf8", "replace"),
    "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
    "timedOut": timed_out,
    "unsentSteps": [s[0] for s in steps],
}))
