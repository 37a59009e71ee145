"""Write the OpenAPI description generated from the code (`make openapi`)."""

import sys
from pathlib import Path

from service import create_app


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "openapi.yaml")
    app = create_app({"SPACY_MODEL": "blank:en"})
    with app.test_client() as client:
        target.write_bytes(client.get("/openapi.yaml").data)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
