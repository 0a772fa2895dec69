"""A small ticketing service in FastAPI, for sdkgen's real-server test.

Every handler echoes or stores what it receives and returns it, so a client
test can check that each value arrived as sent. The OpenAPI document is the
one FastAPI writes at /openapi.json; nothing here edits it.
"""

import datetime as dt
import itertools
import uuid
from decimal import Decimal
from enum import Enum, IntEnum
from typing import Annotated, Literal, Optional, Union

from fastapi import (
    Body,
    Cookie,
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Path,
    Query,
    Response,
    UploadFile,
)
from fastapi.responses import PlainTextResponse
from fastapi.security import (
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    OAuth2PasswordBearer,
)
from pydantic import BaseModel, ConfigDict, Field

app = FastAPI(title="Ticket Office", version="1.0.0")

API_KEY = "office-key-123"
BEARER = "bearer-token-456"
OAUTH_TOKEN = "oauth-token-789"

# ---------------------------------------------------------------- models


class Priority(str, Enum):
    low = "low"
    normal = "normal"
    urgent = "urgent"


class Seats(IntEnum):
    one = 1
    two = 2
    four = 4


class Category(str, Enum):
    concert = "concert"
    theatre = "theatre"
    sport = "sport"


class Venue(BaseModel):
    name: str
    city: str
    capacity: Optional[int] = None


class Event(BaseModel):
    id: int
    title: str
    category: Category
    venue: Venue
    starts_at: dt.datetime
    price: Decimal
    tags: list[str] = []
    seats_left: dict[str, int] = {}


class EventIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)
    category: Category
    venue: Venue
    starts_at: dt.datetime
    price: Decimal
    tags: list[str] = []
    seats_left: dict[str, int] = {}


class Attendee(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    full_name: str = Field(alias="fullName")
    email: str
    age: Optional[int] = Field(default=None, ge=0, le=150)
    vip: bool = False


class CardPayment(BaseModel):
    kind: Literal["card"]
    last4: str = Field(pattern=r"^[0-9]{4}$")
    amount: Decimal


class VoucherPayment(BaseModel):
    kind: Literal["voucher"]
    code: str
    amount: Decimal


Payment = Annotated[Union[CardPayment, VoucherPayment], Field(discriminator="kind")]


class Order(BaseModel):
    event_id: int
    attendees: list[Attendee]
    seats: Seats
    priority: Priority = Priority.normal
    payment: Payment
    note: Optional[str] = None
    reference: Union[int, str] = Field(description="A number or a code.")
    placed_at: Optional[dt.datetime] = None


class OrderOut(Order):
    id: uuid.UUID


class Problem(BaseModel):
    detail: str
    code: int


class Echo(BaseModel):
    """What a handler received, as it read it."""

    values: dict[str, object]


class Uploaded(BaseModel):
    filename: Optional[str]
    content_type: Optional[str]
    size: int
    hex: str


class UploadReport(BaseModel):
    title: str
    files: list[Uploaded]


EVENTS: dict[int, Event] = {}
# Ids are never reused: the client tests run at once, and one that deletes an
# event must not make the next one created take the id of an event still
# there (`len(EVENTS) + 1` did, and a paging test then saw one event seven
# times). `next` on a count is atomic under the GIL, as the sync handlers
# run on a thread pool.
EVENT_IDS = itertools.count(1)
ORDERS: dict[uuid.UUID, OrderOut] = {}

# --------------------------------------------------------------- security

api_key = APIKeyHeader(name="X-Office-Key")
bearer = HTTPBearer()
oauth2 = OAuth2PasswordBearer(tokenUrl="token")


def need_key(key: str = Depends(api_key)) -> str:
    if key != API_KEY:
        raise HTTPException(status_code=403, detail="wrong key")
    return key


def need_bearer(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> str:
    if creds.credentials != BEARER:
        raise HTTPException(status_code=403, detail="wrong bearer")
    return creds.credentials


def need_oauth(token: str = Depends(oauth2)) -> str:
    if token != OAUTH_TOKEN:
        raise HTTPException(status_code=401, detail="wrong token")
    return token


async def describe(upload: UploadFile) -> Uploaded:
    data = await upload.read()
    return Uploaded(
        filename=upload.filename,
        content_type=upload.content_type,
        size=len(data),
        hex=data.hex(),
    )


# ----------------------------------------------------------------- events


@app.post("/events", response_model=Event, status_code=201, tags=["events"])
def create_event(event: EventIn) -> Event:
    created = Event(id=next(EVENT_IDS), **event.model_dump())
    EVENTS[created.id] = created
    return created


@app.get(
    "/events/{event_id}",
    response_model=Event,
    responses={404: {"model": Problem, "description": "No such event"}},
    tags=["events"],
)
def get_event(event_id: int):
    if event_id not in EVENTS:
        from fastapi.responses import JSONResponse

        return JSONResponse(status_code=404, content={"detail": "no such event", "code": event_id})
    return EVENTS[event_id]


@app.get("/events", response_model=list[Event], tags=["events"])
def list_events(
    category: Optional[Category] = None,
    tag: Annotated[list[str], Query()] = [],
    limit: int = Query(default=10, ge=1, le=100),
    offset: int = 0,
):
    found = [
        e
        for e in EVENTS.values()
        if (category is None or e.category == category) and all(t in e.tags for t in tag)
    ]
    return found[offset : offset + limit]


@app.put("/events/{event_id}", response_model=Event, tags=["events"])
def replace_event(event_id: int, event: EventIn):
    if event_id not in EVENTS:
        raise HTTPException(status_code=404, detail="no such event")
    EVENTS[event_id] = Event(id=event_id, **event.model_dump())
    return EVENTS[event_id]


@app.delete("/events/{event_id}", status_code=204, tags=["events"])
def delete_event(event_id: int, _: str = Depends(need_key)):
    if EVENTS.pop(event_id, None) is None:
        raise HTTPException(status_code=404, detail="no such event")
    return Response(status_code=204)


@app.get("/categories/{category}/events", response_model=list[Event], tags=["events"])
def events_by_category(category: Category):
    return [e for e in EVENTS.values() if e.category == category]


# ----------------------------------------------------------------- orders


@app.post("/orders", response_model=OrderOut, status_code=201, tags=["orders"])
def place_order(order: Order, _: str = Depends(need_bearer)) -> OrderOut:
    out = OrderOut(id=uuid.uuid4(), **order.model_dump())
    ORDERS[out.id] = out
    return out


@app.get(
    "/orders/{order_id}",
    response_model=OrderOut,
    responses={404: {"model": Problem}},
    tags=["orders"],
)
def get_order(order_id: uuid.UUID, _: str = Depends(need_bearer)):
    if order_id not in ORDERS:
        raise HTTPException(status_code=404, detail="no such order")
    return ORDERS[order_id]


@app.post("/orders/{order_id}/attendees", response_model=OrderOut, tags=["orders"])
def add_attendee(
    order_id: uuid.UUID,
    attendee: Attendee,
    seats: Annotated[Seats, Body()],
    reason: Annotated[Optional[str], Body()] = None,
):
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    order.attendees.append(attendee)
    order.seats = seats
    order.note = reason
    return order


@app.post("/orders/{order_id}/payment", response_model=Payment, tags=["orders"])
def pay_order(order_id: uuid.UUID, payment: Annotated[Payment, Body(embed=True)]):
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    order.payment = payment
    return payment


@app.get("/orders/{order_id}/receipt", response_class=PlainTextResponse, tags=["orders"])
def order_receipt(order_id: uuid.UUID):
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    return f"Order {order.id}: {len(order.attendees)} attendee(s), seats {int(order.seats)}\n"


@app.get(
    "/orders/{order_id}/ticket.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}, "description": "The ticket"}},
    tags=["orders"],
)
def order_ticket(order_id: uuid.UUID):
    body = b"%PDF-1.4\n" + order_id.bytes + bytes(range(256))
    return Response(content=body, media_type="application/pdf")


@app.get("/orders", response_model=list[OrderOut], tags=["orders"])
def list_orders(_: str = Depends(need_oauth)):
    return list(ORDERS.values())


# -------------------------------------------------------------------- echo


@app.get("/echo/path/{number}/{word}/{ident}/{priority}", tags=["echo"])
def echo_path(number: int, word: str, ident: uuid.UUID, priority: Priority) -> Echo:
    return Echo(values={"number": number, "word": word, "ident": str(ident), "priority": priority.value})


@app.get("/echo/query", tags=["echo"])
def echo_query(
    flag: bool,
    ratio: float,
    day: dt.date,
    moment: dt.datetime,
    word: str = "hello",
    count: Optional[int] = None,
    words: Annotated[list[str], Query()] = [],
    numbers: Annotated[Optional[list[int]], Query()] = None,
    search_text: Annotated[Optional[str], Query(alias="search-text")] = None,
) -> Echo:
    return Echo(
        values={
            "flag": flag,
            "ratio": ratio,
            "day": day.isoformat(),
            "moment": moment.isoformat(),
            "word": word,
            "count": count,
            "words": words,
            "numbers": numbers,
            "search_text": search_text,
        }
    )


@app.get("/echo/headers", tags=["echo"])
def echo_headers(
    x_request_id: Annotated[str, Header()],
    x_retry_count: Annotated[Optional[int], Header()] = None,
    user_agent_note: Annotated[Optional[str], Header(alias="X-Agent-Note")] = None,
    x_tags: Annotated[Optional[list[str]], Header()] = None,
) -> Echo:
    return Echo(
        values={
            "x_request_id": x_request_id,
            "x_retry_count": x_retry_count,
            "agent_note": user_agent_note,
            "x_tags": x_tags,
        }
    )


@app.get("/echo/cookies", tags=["echo"])
def echo_cookies(
    session: Annotated[str, Cookie()],
    theme: Annotated[Optional[str], Cookie()] = None,
) -> Echo:
    return Echo(values={"session": session, "theme": theme})


@app.post("/echo/order", tags=["echo"])
def echo_order(order: Order) -> Order:
    return order


@app.post("/echo/attendees", tags=["echo"])
def echo_attendees(attendees: list[Attendee]) -> list[Attendee]:
    return attendees


@app.post("/echo/counts", tags=["echo"])
def echo_counts(counts: dict[str, int]) -> dict[str, int]:
    return counts


@app.post("/echo/payment", tags=["echo"])
def echo_payment(payment: Payment) -> Payment:
    return payment


@app.post("/echo/reference", tags=["echo"])
def echo_reference(reference: Annotated[Union[int, str, list[str]], Body()]) -> Union[int, str, list[str]]:
    return reference


@app.post("/echo/priority", tags=["echo"])
def echo_priority(priority: Annotated[Priority, Body(embed=True)], seats: Annotated[Seats, Body(embed=True)]) -> Echo:
    return Echo(values={"priority": priority.value, "seats": int(seats)})


@app.post("/echo/form", tags=["echo"])
def echo_form(
    name: Annotated[str, Form()],
    quantity: Annotated[int, Form()],
    subscribe: Annotated[bool, Form()] = False,
    comment: Annotated[Optional[str], Form()] = None,
) -> Echo:
    return Echo(values={"name": name, "quantity": quantity, "subscribe": subscribe, "comment": comment})


@app.post("/token", tags=["auth"])
def token(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict[str, str]:
    if password != "secret":
        raise HTTPException(status_code=400, detail="wrong password")
    return {"access_token": OAUTH_TOKEN, "token_type": "bearer"}


@app.get("/whoami/key", tags=["auth"])
def whoami_key(key: str = Depends(need_key)) -> Echo:
    return Echo(values={"scheme": "api key"})


@app.get("/whoami/bearer", tags=["auth"])
def whoami_bearer(token: str = Depends(need_bearer)) -> Echo:
    return Echo(values={"scheme": "bearer"})


@app.get("/whoami/oauth", tags=["auth"])
def whoami_oauth(token: str = Depends(need_oauth)) -> Echo:
    return Echo(values={"scheme": "oauth2"})


# ---------------------------------------------------------------- uploads


@app.post("/files", tags=["files"])
async def upload_file(file: UploadFile, title: Annotated[str, Form()]) -> UploadReport:
    return UploadReport(title=title, files=[await describe(file)])


@app.post("/files/many", tags=["files"])
async def upload_files(
    files: Annotated[list[UploadFile], File()], title: Annotated[str, Form()]
) -> UploadReport:
    return UploadReport(title=title, files=[await describe(f) for f in files])


@app.post("/files/optional", tags=["files"])
async def upload_optional(
    title: Annotated[str, Form()],
    file: Annotated[Optional[UploadFile], File()] = None,
) -> UploadReport:
    return UploadReport(title=title, files=[await describe(file)] if file is not None else [])


@app.post("/files/raw", tags=["files"])
async def upload_bytes(data: Annotated[bytes, File()], label: Annotated[str, Form()] = "raw") -> Uploaded:
    return Uploaded(filename=label, content_type=None, size=len(data), hex=data.hex())


@app.post("/events/{event_id}/poster", tags=["files"])
async def upload_poster(
    event_id: int,
    poster: UploadFile,
    caption: Annotated[Optional[str], Form()] = None,
) -> UploadReport:
    if event_id not in EVENTS:
        raise HTTPException(status_code=404, detail="no such event")
    return UploadReport(title=caption or "", files=[await describe(poster)])


@app.get("/health", response_class=PlainTextResponse, tags=["ops"])
def health():
    return "ok"


if __name__ == "__main__":
    import sys

    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
