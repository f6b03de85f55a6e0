# Yeni parolun niyə qəbul edilmədiyi.

form-problem-password_too_short = Parol çox qısadır: ən azı { $min } simvol istifadə edin
form-problem-password_too_long = Parol çox uzundur: ən çoxu { $max } simvol istifadə edin
form-problem-password_common = Bu parol ən çox istifadə olunan parollardandır; başqasını seçin
form-problem-password_context_word = Parol istifadəçi adınız, e-poçt adınız və ya bu xidmətin adı olmamalıdır
form-problem-password_trivial = Parol eyni simvolun təkrarı və ya sadə ardıcıllıqdır; daha az proqnozlaşdırıla bilən parol seçin
