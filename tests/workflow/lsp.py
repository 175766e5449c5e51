"""A minimal Language Server Protocol client, enough to ask yaml-language-server for completions
the way VS Code's YAML extension does (JSON-RPC over stdio, Content-Length framing)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

SERVER = (Path(__file__).parents[1] / "browser" / "node_modules" / "yaml-language-server" / "bin"
          / "yaml-language-server")  # fmt: skip
SETUP = "npm ci --prefix tests/browser"


class Client:
    def __init__(self, root: Path, settings: dict[str, Any]) -> None:
        self.proc = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.settings = settings
        self.count = 0
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root.resolve().as_uri(),
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"completion": {"completionItem": {}}}},
        })  # fmt: skip
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})
        # The server then asks for its settings (workspace/configuration); answer before going on,
        # or a completion may run before the schemas are configured.
        while not self._answer(self.inbox.get(timeout=60)):
            pass

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            if len(body) < length:  # the server stopped mid-message (it is being shut down)
                return
            self.inbox.put(json.loads(body))

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def _answer(self, message: dict[str, Any]) -> bool:
        """Answer a request from the server; True when it asked for the settings."""
        if "method" not in message or "id" not in message:
            return False
        result = None
        asked = message["method"] == "workspace/configuration"
        if asked:
            items = message["params"]["items"]
            result = [self.settings.get(i.get("section", "")) for i in items]
        self._send({"id": message["id"], "result": result})
        return asked

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.count += 1
        wanted = self.count
        self._send({"id": wanted, "method": method, "params": params})
        while True:
            message = self.inbox.get(timeout=60)
            if (
                not self._answer(message)
                and message.get("id") == wanted
                and "method" not in message
            ):
                return message.get("result")

    def complete(self, path: Path, text: str, line: int, character: int) -> list[str]:
        uri = path.resolve().as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})  # fmt: skip
        found = self.request("textDocument/completion",
                             {"textDocument": {"uri": uri},
                              "position": {"line": line, "character": character}})  # fmt: skip
        items = found.get("items", []) if isinstance(found, dict) else (found or [])
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return [str(item["label"]) for item in items]

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
