"""Rasa custom actions that close a Rocket.Chat livechat, hand it over to a human, and greet by name.

Put this in your action server's actions/ package and set, in its environment:
  RC_URL      your Rocket.Chat URL, e.g. https://chat.example.com (the sandbox: http://127.0.0.1:3000)
  RC_USER_ID  the bot user's id        } from POST /api/v1/login, or a personal access token
  RC_TOKEN    the bot user's token     } (Profile > Personal access tokens)
  RASA_APP_ID the Rasa app's id (default: the published one)

The conversation's sender id is the livechat room id, so tracker.sender_id is the sessionId.
"""
import logging
import os
from typing import Any, Dict, List, Optional, Text

import requests
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

APP_ID = os.environ.get("RASA_APP_ID", "bb79a9d1-39ab-4fb7-b914-e4216fdbfebc")


def call_incoming(
    action: Text,
    session_id: Text,
    target_department: Optional[Text] = None,
    target_agent: Optional[Text] = None,
) -> requests.Response:
    body: Dict[Text, Any] = {"action": action, "sessionId": session_id}
    action_data = {
        key: value
        for key, value in (("targetDepartment", target_department), ("targetAgent", target_agent))
        if value
    }
    if action_data:
        body["actionData"] = action_data
    # json= (not data=): requests flattens nested dicts in form data and actionData would lose its content.
    return requests.post(
        f"{os.environ['RC_URL']}/api/apps/public/{APP_ID}/incoming",
        json=body,
        headers={"X-Auth-Token": os.environ["RC_TOKEN"], "X-User-Id": os.environ["RC_USER_ID"]},
        timeout=10,
    )


def error_code(response: requests.Response) -> Text:
    try:
        return response.json().get("error", "unknown")
    except ValueError:
        return "unknown"


def visitor_context(tracker: Tracker) -> Dict[Text, Any]:
    """What the app sent about the visitor with the latest message (its "Visitor context" setting decides how much).

    {"roomId", "department": {"id", "name"}, "visitor": {"name", "username", "email", "phone", "customFields"},
     "source", "agent": {"username"}, "event": {"type", "closedBy"}}: each key only when known. The REST channel keeps
    it; Rasa's callback channel drops it.
    """
    return (tracker.latest_message or {}).get("metadata") or {}


class ActionGreetByName(Action):
    """Greets the visitor by the name they gave the livechat widget, and uses a custom field when there is one."""

    def name(self) -> Text:
        return "action_greet_by_name"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        visitor = visitor_context(tracker).get("visitor", {})
        name = visitor.get("name") or "there"
        plan = visitor.get("customFields", {}).get("plan")
        dispatcher.utter_message(text=f"Hi {name}!" + (f" I see you are on the {plan} plan." if plan else ""))
        return []


class ActionHandover(Action):
    """Hands the visitor over to the agent in the `agent` slot, or the department in the `department` slot (or the
    app's default one)."""

    def name(self) -> Text:
        return "action_handover"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        response = call_incoming("handover", tracker.sender_id, tracker.get_slot("department"), tracker.get_slot("agent"))
        if response.status_code == 200:
            return []  # the app already told the visitor a human is coming
        code = error_code(response)
        logger.warning("handover of %s refused: %s %s", tracker.sender_id, response.status_code, code)
        if code in ("no-agents-online", "agent-not-available"):
            return []  # the app already sent the "handover failed" message; the bot keeps the chat
        if code in ("department-not-found", "agent-not-found", "not-an-agent"):
            dispatcher.utter_message(text="I don't know who that is. Which team should I ask?")
        else:
            dispatcher.utter_message(text="Sorry, I could not transfer you right now.")
        return []


class ActionCloseChat(Action):
    """Ends the conversation, e.g. after the visitor says goodbye."""

    def name(self) -> Text:
        return "action_close_chat"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        response = call_incoming("close-chat", tracker.sender_id)
        if response.status_code not in (200, 409):  # 409 room-closed: it is already over
            logger.warning("close of %s refused: %s %s", tracker.sender_id, response.status_code, error_code(response))
        return []
