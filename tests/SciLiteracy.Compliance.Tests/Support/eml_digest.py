# Reads every .eml file of a folder with Python's own MIME parser and prints one JSON object per line:
# file, recipient, decoded subject and the SHA-256 of the decoded text and HTML bodies. Headers a transport
# may write differently (Message-ID, Date, boundaries, transfer encoding) do not enter the digest.
import email, hashlib, json, os, sys
from email import policy

def body(m, kind):
    part = m.get_body((kind,))
    text = part.get_content() if part is not None else ""
    # Line endings and a final newline belong to the transport's encoding, not to what the reader sees.
    return text.replace("\r\n", "\n").rstrip()

folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".eml"):
        continue
    with open(os.path.join(folder, name), "rb") as f:
        m = email.message_from_binary_file(f, policy=policy.default)
    print(json.dumps({
        "file": name,
        "to": str(m["To"]).strip().lower(),
        "subject": " ".join(str(m["Subject"]).split()),
        "text": hashlib.sha256(body(m, "plain").encode("utf-8")).hexdigest()[:16],
        "html": hashlib.sha256(body(m, "html").encode("utf-8")).hexdigest()[:16],
    }, ensure_ascii=False))
