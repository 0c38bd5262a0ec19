# lures.es — the wording of scams that name no brand, in Spanish, for the LURE_* findings.
#
# Source: written for kensa by its developers from the lures of the same kinds
# as lures.en (advance fee, prize and survey draws, crypto claims, shared
# documents, bills to call about, mailbox quota) as they are written in Spanish;
# no entry is copied from a third-party list. Same format and kinds as
# lures.en (phrase<TAB>kind; matched as whole words, NFKC and case folded,
# spaces ignored, a trailing '*' matches any word ending). Words ordinary
# offers use too are prizeword or cryptoword, never prize or crypto.
# Users add entries in ~/.config/kensa/lures.es.

herencia	fee
beneficiario	fee
pariente más cercano	fee
fondo de compensación	fee
transferencia del fondo	fee
liberación del fondo	fee
mi difunto esposo	fee
mi difunta esposa	fee
cuenta inactiva	fee
ganador de la lotería	fee
western union	fee
propuesta de negocio	fee
estrictamente confidencial	fee
sin ningún riesgo	fee
donación	fee
millones de dólares	fee
respuesta urgente	fee
has sido seleccionado	prize
ha sido seleccionado	prize
has ganado	prize
usted ha ganado	prize
reclama tu premio	prize
reclame su premio	prize
reclama tu recompensa	prize
completa la encuesta	prize
responda la encuesta	prize
solo paga el envío	prize
giros gratis	prize
bono de bienvenida	prize
felicidades	prizeword
felicitaciones	prizeword
ganador	prizeword
recompensa	prizeword
tarjeta de regalo	prizeword
regalo exclusivo	prizeword
frase de recuperación	crypto
verifica tu billetera	crypto
criptomoneda	cryptoword
compartió un documento	document
nuevo mensaje de voz	document
pago pendiente	billing
renovación automática	billing
reembolso	billing
llame al	call
su buzón está lleno	mailbox
tu buzón está lleno	mailbox
su contraseña caduca	mailbox
