from . import sc_catalog_answer_wizard
