"""The room: members take part from their own phones over the meeting room's network, the laptop the only server."""
