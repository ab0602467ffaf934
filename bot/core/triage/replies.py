"""The words Limber answers a pain report with.

Safety rules of the wording: urgent care always comes first and the booking link only after
it; severe pain stops the stretches and points to a clinician; mild or no pain never gets a
booking link. Replies describe symptoms in plain words and never name a diagnosis. Every
reply about pain ends with the not-medical-advice note. Pure string building; no I/O.
"""

from __future__ import annotations

from bot.core.triage.model import DEFAULT_EMERGENCY_TEXT, Assessment, ClinicInfo, PainLevel

NOT_MEDICAL_ADVICE = "_This is not medical advice._"

# plain-language description of each red flag (also the keys of the screening questions)
RED_FLAG_WORDS: dict[str, str] = {
    "saddle_numbness": "numbness or changed feeling around the groin, genitals, buttocks or "
    "back passage",
    "wiping_numbness": "less feeling than usual when wiping with toilet paper",
    "bladder_control": "trouble peeing or controlling the bladder",
    "bowel_control": "trouble controlling the bowels",
    "bladder_bowel": "new trouble peeing or controlling the bladder or bowels",
    "both_legs": "numbness, tingling or weakness in both legs",
    "worsening_weakness": "weakness or numbness in a leg that is getting worse",
    "foot_drop": "a foot that drags, slaps or is hard to lift",
    "leg_weakness": "a leg that gives way",
    "trauma": "pain that started after a fall or an accident",
    "fever": "a fever or chills",
    "cancer_history": "a history of cancer",
    "weight_loss": "weight loss with no clear reason",
    "cauda_equina": "signs of pressure on the nerves at the bottom of the spine (numbness "
    "around the groin or buttocks, new trouble with the bladder or bowels, or weakness in both "
    "legs)",
}


def emergency_text(clinic: ClinicInfo) -> str:
    number = (clinic.emergency_number or "").strip()
    return number or DEFAULT_EMERGENCY_TEXT


def _clinic_name(clinic: ClinicInfo) -> str:
    return (clinic.name or "").strip() or "your clinic"


def _symptoms(keys: tuple[str, ...] | list[str], conjunction: str = "and") -> str:
    words = list(dict.fromkeys(RED_FLAG_WORDS.get(k, "the symptom you described") for k in keys))
    if len(words) <= 1:
        return words[0] if words else "the symptom you described"
    return "; ".join(words[:-1]) + f"; {conjunction} " + words[-1]


def redflag_reply(keys: tuple[str, ...] | list[str], clinic: ClinicInfo) -> str:
    """Urgent care first, then why, then (only after that) the clinic's booking link."""
    paragraphs = [
        "**Please stop exercising and get urgent medical care now: call "
        f"{emergency_text(clinic)} or go to the nearest emergency department.**",
        f"You mentioned {_symptoms(keys)}. With back pain, this needs to be checked by a "
        "doctor straight away, even if the pain itself is not bad. Please don't wait to see "
        "whether it passes, and don't do your stretches until a doctor says it's OK.",
    ]
    if clinic.booking_url:
        paragraphs.append(
            "After you have been seen urgently, you can also book a Free Consultation with "
            f"{_clinic_name(clinic)} for follow-up: {clinic.booking_url}"
        )
    paragraphs.append("If in doubt, always get checked. " + NOT_MEDICAL_ADVICE)
    return "\n\n".join(paragraphs)


def _severe(clinic: ClinicInfo) -> list[str]:
    if clinic.booking_url:
        booking = (
            "Pain this strong should be looked at by a clinician. Book a Free Consultation "
            f"with {_clinic_name(clinic)}: {clinic.booking_url}"
        )
    else:
        where = f" at {clinic.name.strip()}" if clinic.name and clinic.name.strip() else ""
        booking = (
            "Pain this strong should be looked at by a clinician: please see a doctor, "
            f"physiotherapist or chiropractor{where} soon."
        )
    return [
        "**That sounds really painful. Please stop the stretches for now.**",
        booking,
        "Painkillers can take the edge off, but they only bring temporary relief: they don't "
        "deal with what is causing the pain.",
        "If it gets worse, or you notice new numbness (for example around your groin or "
        "buttocks), weakness in your legs, or trouble controlling your bladder or bowels, get "
        f"urgent medical care: call {emergency_text(clinic)}.",
    ]


def _moderate() -> list[str]:
    return [
        "Thanks for telling me. Go gently today: move slowly, stay in a range that feels OK, "
        "and **stop if the pain increases**.",
        "If the pain keeps getting worse or doesn't settle over the next few days, talk to "
        "your clinician.",
    ]


def _mild() -> list[str]:
    return [
        "Thanks for letting me know. A little discomfort is common; keep your stretches gentle "
        "and **stop if the pain increases**. You're doing well!",
    ]


def _none() -> list[str]:
    return ["Great to hear! Keep up the stretches, they help keep it that way."]


def _others(assessment: Assessment, clinic: ClinicInfo) -> list[str]:
    extra: list[str] = []
    if assessment.others_severe and not assessment.others_red_flags:
        booking = (
            f" They can book a Free Consultation with {_clinic_name(clinic)}: {clinic.booking_url}"
            if clinic.booking_url
            else ""
        )
        extra.append(
            "About the other person: pain that strong should be looked at by a clinician "
            f"soon, and they should stop any stretches for now.{booking} Painkillers only "
            "bring temporary relief. If they notice new numbness around the groin or "
            "buttocks, weakness in the legs, or trouble with the bladder or bowels, they "
            f"need urgent care: call {emergency_text(clinic)}."
        )
    if assessment.others_red_flags:
        extra.append(
            f"About the other person: {_symptoms(assessment.others_red_flags, 'or')} with back "
            "pain needs urgent medical care. If they have these symptoms, they should stop "
            f"exercising and get urgent care now: call {emergency_text(clinic)}."
        )
    elif (
        assessment.mentions_someone_else
        and assessment.level is PainLevel.NONE
        and not assessment.others_severe
    ):
        extra.append(
            "I can only help with your own pain. If someone else is in a lot of pain, they "
            "should talk to a doctor, physiotherapist or chiropractor."
        )
    if assessment.hypothetical_red_flags:
        extra.append(
            "Good to ask. If you ever notice "
            f"{_symptoms(assessment.hypothetical_red_flags, 'or')}, stop exercising and get "
            "urgent medical care straight away: call "
            f"{emergency_text(clinic)}."
        )
    return extra


def compose_reply(assessment: Assessment, clinic: ClinicInfo) -> str:
    """The answer to an assessment; "" when the text was not about pain at all."""
    level = assessment.level
    if level is PainLevel.REDFLAG:
        return redflag_reply(assessment.red_flags or ("unknown",), clinic)
    extra = _others(assessment, clinic)
    if level is PainLevel.NONE and not assessment.about_pain and not extra:
        return ""
    if level is PainLevel.NONE and assessment.follow_up and not extra:
        return ""  # the safety questions come first; no "great to hear" before them
    if level is PainLevel.SEVERE:
        paragraphs = _severe(clinic)
    elif level is PainLevel.MODERATE:
        paragraphs = _moderate()
    elif level is PainLevel.MILD:
        paragraphs = _mild()
    elif extra:
        paragraphs = []
    else:
        paragraphs = _none()
    return "\n\n".join([*paragraphs, *extra, NOT_MEDICAL_ADVICE])
